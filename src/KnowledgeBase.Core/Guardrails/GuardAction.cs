namespace KnowledgeBase.Core.Guardrails;

/// <summary>What a rule does when it matches.</summary>
public enum GuardAction
{
    /// <summary>The rule does not run.</summary>
    Off,

    /// <summary>Deliver the text unchanged; report and record the match.</summary>
    Flag,

    /// <summary>Replace the matched span with a marker such as <c>[redacted: card number]</c>.</summary>
    Redact,

    /// <summary>Stop the answer before the match: the model call is cancelled, the reader keeps only the text before it.</summary>
    Block,
}

public static class GuardActions
{
    /// <summary>The action's name on events, metrics and in configuration.</summary>
    public static string Name(this GuardAction action) => action switch
    {
        GuardAction.Flag => "flag",
        GuardAction.Redact => "redact",
        GuardAction.Block => "block",
        _ => "off",
    };
}
