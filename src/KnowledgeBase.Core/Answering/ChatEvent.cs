namespace KnowledgeBase.Core.Answering;

/// <summary>
/// What an answer stream yields, in order: one <see cref="RetrievalEvent"/>, <see cref="TokenEvent"/>s
/// (with <see cref="NoticeEvent"/>s where something visible happened, such as a switch to a fallback
/// model, and <see cref="GuardrailEvent"/>s where a guardrail acted), one <see cref="CitationsEvent"/>, then <see cref="DoneEvent"/> or <see cref="ErrorEvent"/>. Each carries its <see cref="Type"/>
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

    /// <summary>
    /// The answer is already known (a cache hit, a refusal): nothing slow happens before <c>done</c>, so a caller may
    /// store the question together with the answer (one commit). Not sent to clients.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool AnswerReady { get; init; }
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

/// <summary>
/// Model tokens; <see cref="CachedInputTokens"/> is the part of the input the provider served from its prompt cache
/// (priced lower), <see cref="CacheWriteInputTokens"/> the part it wrote to that cache (Anthropic prices writes higher).
/// </summary>
public sealed record TokenUsage(int InputTokens, int OutputTokens, int CachedInputTokens = 0, int CacheWriteInputTokens = 0)
{
    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new(
        a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens, a.CachedInputTokens + b.CachedInputTokens, a.CacheWriteInputTokens + b.CacheWriteInputTokens);
}

/// <summary>
/// The end of an answer. <see cref="ConversationId"/> and <see cref="MessageId"/> are set when the
/// answer was stored in a conversation (so a client can send a follow-up or feedback); a message id is
/// missing when the database was unavailable (the answer is stored as soon as it is back).
/// <see cref="Truncated"/>: the model's answer reached <c>Llm:MaxOutputTokens</c> and was cut there.
/// <see cref="Guardrail"/> is the strongest guardrail action taken on the answer (<c>none</c>, <c>flagged</c>,
/// <c>redacted</c>, <c>blocked</c>; see <c>GuardrailVerdict</c>): anything but <c>none</c> must never be cached.
/// A cached answer has <see cref="CacheHit"/> true, zero usage and cost, and <see cref="Cache"/> set.
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
    bool Truncated = false,
    string Guardrail = "none",
    CacheInfo? Cache = null) : ChatEvent
{
    public override string Type => "done";
}

/// <summary>
/// How a cached answer was found (on <see cref="DoneEvent.Cache"/> when <see cref="DoneEvent.CacheHit"/>):
/// <see cref="Tier"/> <c>exact</c> or <c>semantic</c>, the cached question's <see cref="Similarity"/> (1 for exact),
/// its age, and what the answer cost when it was written (saved by this hit).
/// </summary>
public sealed record CacheInfo(string Tier, double Similarity, long AgeSeconds, decimal SavedCost);

/// <summary>
/// The answer failed. <see cref="RetryAfterSeconds"/> is set when the failure is temporary (the database is
/// unavailable, a limit was reached) and says when asking again should work.
/// </summary>
public sealed record ErrorEvent(string Message, int? RetryAfterSeconds = null) : ChatEvent
{
    public override string Type => "error";
}
