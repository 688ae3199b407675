namespace KnowledgeBase.Core.Answering;

/// <summary>
/// What an answer stream yields, in order: one <see cref="RetrievalEvent"/>, <see cref="TokenEvent"/>s
/// (with <see cref="NoticeEvent"/>s where something visible happened, such as a switch to a fallback
/// model, and <see cref="GuardrailEvent"/>s where a guardrail acted), then <see cref="DoneEvent"/> or <see cref="ErrorEvent"/>. Each carries its <see cref="Type"/>
/// as a plain property (not a serializer discriminator), so every transport (SignalR, SSE, terminal)
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

/// <summary>Something the reader should see beside the answer, e.g. "The model stopped responding; the rest comes from …".</summary>
public sealed record NoticeEvent(string Message) : ChatEvent
{
    public override string Type => "notice";
}

/// <summary>
/// A guardrail acted on the answer (or the question, or a source): <see cref="Rule"/> (e.g. <c>pii.payment_card</c>),
/// <see cref="Action"/> (<c>flag</c>, <c>redact</c>, <c>block</c>, <c>drop</c>, <c>quote</c>), <see cref="SpanKind"/> (what was
/// found, e.g. "card number") and a <see cref="Message"/> for the reader. Never the offending text itself.
/// <see cref="Target"/> is what was checked (<c>answer</c>, <c>question</c>, <c>source</c>); for the answer,
/// <see cref="Start"/> and <see cref="Length"/> locate the affected text (a redaction marker, a flagged sentence)
/// in the answer text as delivered, so a client can mark it.
/// </summary>
public sealed record GuardrailEvent(
    string Rule, string Action, string SpanKind, string Message, string Target = GuardrailEvent.AnswerTarget, int? Start = null, int? Length = null) : ChatEvent
{
    public const string AnswerTarget = "answer";
    public const string QuestionTarget = "question";
    public const string SourceTarget = "source";

    public override string Type => "guardrail";
}

public sealed record TokenUsage(int InputTokens, int OutputTokens);

/// <summary>
/// The end of an answer. <see cref="ConversationId"/> and <see cref="MessageId"/> are set when the
/// answer was stored in a conversation (so a client can send a follow-up or feedback).
/// <see cref="Guardrail"/> is the strongest guardrail action taken on the answer (<c>none</c>, <c>flagged</c>,
/// <c>redacted</c>, <c>blocked</c>; see <c>GuardrailVerdict</c>): anything but <c>none</c> must never be cached.
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
    string Guardrail = "none") : ChatEvent
{
    public override string Type => "done";
}

public sealed record ErrorEvent(string Message) : ChatEvent
{
    public override string Type => "error";
}
