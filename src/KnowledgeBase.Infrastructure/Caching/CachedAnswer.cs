using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Infrastructure.Caching;

/// <summary>
/// A stored answer found for a question, its sources already re-checked against the asker's access.
/// <see cref="Citations"/> as the retrieval event sent them; <see cref="Located"/> as the citations event did (with
/// the sentence each [n] used), so a hit replays both events as the original answer sent them.
/// </summary>
public sealed record CachedAnswer(
    Guid Id, string Answer, IReadOnlyList<Citation> Citations, IReadOnlyList<Citation> Located, IReadOnlyList<int> CitedNumbers, string Mode, string Model, CacheInfo Info);

/// <summary>What the <c>citations</c> column holds: the two forms of an answer's citations.</summary>
internal sealed record StoredCitations(IReadOnlyList<Citation> Retrieved, IReadOnlyList<Citation> Located);

/// <summary>The cache's decision for one ask: <see cref="Key"/> null when the answer must not be cached; <see cref="Hit"/> when one is served.</summary>
public sealed record CacheLookup(CacheKey? Key, CachedAnswer? Hit, ReadOnlyMemory<float>? Vector = null)
{
    public static CacheLookup Off { get; } = new(null, null);
}

/// <summary>A finished answer offered to the cache, with what decides whether it may be kept.</summary>
public sealed record AnswerToCache(
    string Text,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<Citation> Located,
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
