using Polly;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// What one model call has done so far, shared between its attempts and the retry policy: once any
/// text is on its way to the client, a retry would repeat it, so none happens.
/// </summary>
internal sealed class StreamAttempt
{
    public static readonly ResiliencePropertyKey<StreamAttempt> Key = new("kb.llm.attempt");

    public volatile bool Written;

    public int Attempts;

    public TimeSpan? TimeToFirstToken;

    /// <summary>When the first token arrived (TimeProvider timestamp), for the generation's completion start time.</summary>
    public long FirstTokenAt;

    public Core.Answering.TokenUsage? Usage;

    /// <summary>Of the input tokens, those the provider served from its prompt cache.</summary>
    public int CachedInputTokens;

    public string? ResponseModel;
}
