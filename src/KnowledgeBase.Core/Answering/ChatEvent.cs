namespace KnowledgeBase.Core.Answering;

/// <summary>
/// What an answer stream yields, in order: one <see cref="RetrievalEvent"/>, <see cref="TokenEvent"/>s,
/// then <see cref="DoneEvent"/> or <see cref="ErrorEvent"/>. Each carries its <see cref="Type"/> as a
/// plain property (not a serializer discriminator), so every transport (SignalR, SSE, terminal)
/// writes the same shape whatever static type it serializes with.
/// </summary>
public abstract record ChatEvent
{
    public abstract string Type { get; }
}

public sealed record RetrievalEvent(IReadOnlyList<Citation> Citations) : ChatEvent
{
    public override string Type => "retrieval";
}

public sealed record TokenEvent(string Text) : ChatEvent
{
    public override string Type => "token";
}

public sealed record TokenUsage(int InputTokens, int OutputTokens);

public sealed record DoneEvent(
    string Mode,
    string Model,
    long LatencyMs,
    bool CacheHit,
    TokenUsage Usage,
    decimal Cost,
    IReadOnlyList<int> CitedNumbers) : ChatEvent
{
    public override string Type => "done";
}

public sealed record ErrorEvent(string Message) : ChatEvent
{
    public override string Type => "error";
}
