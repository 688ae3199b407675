namespace KnowledgeBase.Core.Answering;

/// <summary>
/// What an answer stream yields, in order: one <see cref="RetrievalEvent"/>, <see cref="TokenEvent"/>s
/// (with <see cref="NoticeEvent"/>s where something visible happened, such as a switch to a fallback
/// model), then <see cref="DoneEvent"/> or <see cref="ErrorEvent"/>. Each carries its <see cref="Type"/>
/// as a plain property (not a serializer discriminator), so every transport (SignalR, SSE, terminal)
/// writes the same shape whatever static type it serializes with.
/// </summary>
public abstract record ChatEvent
{
    public abstract string Type { get; }
}

/// <summary>
/// The sources, before any answer text. <see cref="ConversationId"/> and <see cref="QuestionId"/> are set when the
/// question was stored in a conversation, so a client can link to it, or ask it again, even if the answer is stopped.
/// </summary>
public sealed record RetrievalEvent(IReadOnlyList<Citation> Citations, Guid? ConversationId = null, Guid? QuestionId = null) : ChatEvent
{
    public override string Type => "retrieval";
}

public sealed record TokenEvent(string Text) : ChatEvent
{
    public override string Type => "token";
}

/// <summary>Something the reader should see beside the answer, e.g. "The model stopped responding; the rest comes from …".</summary>
public sealed record NoticeEvent(string Message) : ChatEvent
{
    public override string Type => "notice";
}

public sealed record TokenUsage(int InputTokens, int OutputTokens);

/// <summary>
/// The end of an answer. <see cref="ConversationId"/> and <see cref="MessageId"/> are set when the
/// answer was stored in a conversation (so a client can send a follow-up or feedback).
/// </summary>
public sealed record DoneEvent(
    string Mode,
    string Model,
    long LatencyMs,
    bool CacheHit,
    TokenUsage Usage,
    decimal Cost,
    IReadOnlyList<int> CitedNumbers,
    bool FallbackUsed = false,
    Guid? ConversationId = null,
    Guid? MessageId = null) : ChatEvent
{
    public override string Type => "done";
}

public sealed record ErrorEvent(string Message) : ChatEvent
{
    public override string Type => "error";
}
