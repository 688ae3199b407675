using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// What the input rules decided about a question: its text with secrets and card-like numbers removed (what is
/// stored, logged, traced and sent to a model), what they did, and — for a question that tries to extract the
/// instructions or asks about a denied topic — the polite refusal to give instead of an answer.
/// </summary>
public sealed record QuestionVerdict(string Text, IReadOnlyList<GuardrailEvent> Events, string? Refusal, string? RefusalRule)
{
    public bool Refused => Refusal is not null;
}
