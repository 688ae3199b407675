using Polly;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// What one model call has done so far, shared between its attempts, the retry policy and the circuit breaker:
/// once any text is on its way to the client, a retry would repeat it, so none happens; all attempts share one
/// first-token deadline; a call its reader abandoned is not the provider's failure.
/// </summary>
internal sealed class StreamAttempt
{
    public static readonly ResiliencePropertyKey<StreamAttempt> Key = new("kb.llm.attempt");

    public volatile bool Written;

    /// <summary>The reader's token: cancelled when it went away.</summary>
    public CancellationToken Reader;

    private volatile bool abandoned;

    /// <summary>The reader went away (closed the stream, or the answer reached its token cap) and the call was stopped.</summary>
    public bool Abandoned
    {
        get => abandoned || Reader.IsCancellationRequested;
        set => abandoned = value;
    }

    public int Attempts;

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) by which the first token must have arrived, across retries.</summary>
    public long FirstTokenDeadline;

    public TimeSpan? TimeToFirstToken;

    /// <summary>When the first token arrived (TimeProvider timestamp), for the generation's completion start time.</summary>
    public long FirstTokenAt;

    public Core.Answering.TokenUsage? Usage;

    /// <summary>Of the input tokens, those the provider served from its prompt cache.</summary>
    public int CachedInputTokens;

    public string? ResponseModel;

    /// <summary>The provider said it stopped because of its output-token limit.</summary>
    public bool StoppedAtLength;

    /// <summary>Tells the reader that a retry begins (a notice event).</summary>
    public Action<string>? Notify;

    public TimeSpan FirstTokenTimeLeft(TimeProvider time) =>
        TimeSpan.FromSeconds((FirstTokenDeadline - time.GetTimestamp()) / (double)time.TimestampFrequency);
}
