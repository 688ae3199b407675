using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Infrastructure.Caching;

/// <summary>A stored answer found for a question, its sources already re-checked against the asker's access.</summary>
public sealed record CachedAnswer(
    Guid Id, string Answer, IReadOnlyList<Citation> Citations, IReadOnlyList<int> CitedNumbers, string Mode, string Model, CacheInfo Info);

/// <summary>The cache's decision for one ask: <see cref="Key"/> null when the answer must not be cached; <see cref="Hit"/> when one is served.</summary>
public sealed record CacheLookup(CacheKey? Key, CachedAnswer? Hit)
{
    public static CacheLookup Off { get; } = new(null, null);
}

/// <summary>A finished answer offered to the cache, with what decides whether it may be kept.</summary>
public sealed record AnswerToCache(
    string Text,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<int> CitedNumbers,
    string Mode,
    string Model,
    bool Answered,
    bool Degraded,
    string Guardrail,
    decimal Cost,
    TokenUsage Usage)
{
    /// <summary>Degraded (a fallback after a model failure, cut at the output limit), judged by a guardrail, or empty: never pinned.</summary>
    public bool Cacheable => !Degraded && Guardrail == "none" && Text.Length > 0;
}
