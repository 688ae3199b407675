namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// The strongest action guardrails took on one answer, carried by the done event. A cache must store only
/// <see cref="None"/> answers: anything else was changed for (or hidden from) the reader it was made for.
/// </summary>
public static class GuardrailVerdict
{
    public const string None = "none";
    public const string Flagged = "flagged";
    public const string Redacted = "redacted";
    public const string Blocked = "blocked";

    public static string Of(GuardAction strongest) => strongest switch
    {
        GuardAction.Block => Blocked,
        GuardAction.Redact => Redacted,
        GuardAction.Flag => Flagged,
        _ => None,
    };
}
