using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Core.Guardrails;

/// <summary>What one step of the stream guard lets through: text safe to show now, what the rules did, and whether the answer stops here.</summary>
public readonly record struct GuardStep(string Text, IReadOnlyList<GuardrailEvent> Events, bool Blocked)
{
    public static GuardStep Empty { get; } = new(string.Empty, [], false);
}
