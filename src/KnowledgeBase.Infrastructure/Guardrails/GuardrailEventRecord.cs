using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>
/// A guardrail action on a stored answer (table <c>guardrail_events</c>): which rule did what, to which text
/// (answer, question, source), where in the answer (for the reader's marker) and what the reader was told.
/// Never the offending text. Kept when a conversation is deleted (the counts stay for the admin report).
/// </summary>
public sealed class GuardrailEventRecord
{
    public long Id { get; set; }
    public Guid? MessageId { get; set; }
    public required string Rule { get; set; }
    public required string Action { get; set; }
    public required string SpanKind { get; set; }
    public required string Target { get; set; }
    public required string Message { get; set; }
    public int? Start { get; set; }
    public int? Length { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static GuardrailEventRecord From(GuardrailEvent e, Guid messageId, DateTimeOffset at) => new()
    {
        MessageId = messageId,
        Rule = e.Rule,
        Action = e.Action,
        SpanKind = e.SpanKind,
        Target = e.Target,
        Message = e.Message,
        Start = e.Start,
        Length = e.Length,
        CreatedAt = at,
    };

    public GuardrailEvent ToEvent() => new(Rule, Action, SpanKind, Message, Target, Start, Length);
}
