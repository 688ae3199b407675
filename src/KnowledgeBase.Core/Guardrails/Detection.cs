namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// One match of a rule in a text: the sensitive span only (a password's value, not the <c>Password=</c> before it),
/// what it is for a reader (<see cref="Kind"/>, e.g. "card number") and how sure the rule is (0–1).
/// <see cref="Action"/> overrides the rule's configured action (a blocklist entry has its own);
/// <see cref="Replacement"/> replaces the default <c>[redacted: kind]</c> marker (a link keeps its label).
/// <see cref="Open"/>: the match is certain but still growing (a private-key block not yet closed): a block acts on it
/// at once, a redaction waits for its end.
/// </summary>
public readonly record struct Detection(
    string Rule, string Kind, int Start, int Length, double Score = 1, GuardAction? Action = null, string? Replacement = null, bool Open = false)
{
    public int End => Start + Length;
}
