namespace KnowledgeBase.Core.Answering;

/// <summary>
/// What an answer stream yields, in order: one <see cref="RetrievalEvent"/>, <see cref="TokenEvent"/>s
/// (with <see cref="NoticeEvent"/>s where something visible happened, such as a switch to a fallback
/// model), one <see cref="CitationsEvent"/>, then <see cref="DoneEvent"/> or <see cref="ErrorEvent"/>. Each carries its <see cref="Type"/>
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

/// <summary>
/// After the answer's last token: the same numbered sources as <see cref="RetrievalEvent"/>, each with the
/// sentences of its passage that the answer used (<see cref="Citation.Sentences"/>) and the page to open
/// (the cited sentence's page). Clients replace the sources they showed with these.
/// </summary>
public sealed record CitationsEvent(IReadOnlyList<Citation> Citations) : ChatEvent
{
    public override string Type => "citations";
}

public sealed record TokenEvent(string Text) : ChatEvent
{
    public override string Type => "token";
}

/// <summary>
/// Something the reader should see beside the answer, e.g. "The model stopped responding; the rest comes from …",
/// or that a retry or a fallback began. <see cref="ReplacesAnswer"/>: the text streamed so far was cut off and the
/// answer starts again after this notice (a transport that does not stream, like JSON, keeps only the new answer).
/// </summary>
public sealed record NoticeEvent(string Message, bool ReplacesAnswer = false) : ChatEvent
{
    public override string Type => "notice";
}

public sealed record TokenUsage(int InputTokens, int OutputTokens);

/// <summary>
/// The end of an answer. <see cref="ConversationId"/> and <see cref="MessageId"/> are set when the
/// answer was stored in a conversation (so a client can send a follow-up or feedback); a message id is
/// missing when the database was unavailable (the answer is stored as soon as it is back).
/// <see cref="Truncated"/>: the model's answer reached <c>Llm:MaxOutputTokens</c> and was cut there.
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
    Guid? MessageId = null,
    bool Truncated = false) : ChatEvent
{
    public override string Type => "done";
}

/// <summary>
/// The answer failed. <see cref="RetryAfterSeconds"/> is set when the failure is temporary (the database is
/// unavailable, a limit was reached) and says when asking again should work.
/// </summary>
public sealed record ErrorEvent(string Message, int? RetryAfterSeconds = null) : ChatEvent
{
    public override string Type => "error";
}
