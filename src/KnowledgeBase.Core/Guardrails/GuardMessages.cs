namespace KnowledgeBase.Core.Guardrails;

/// <summary>What a reader is told when a rule acts, and the marker that replaces redacted text.</summary>
public static class GuardMessages
{
    public const string PromptExtractionRefusal =
        "I can't share my instructions or how I'm configured, but I'm happy to help with questions about your documents.";

    public const string DeniedTopicRefusal = "I can't help with that topic here.";

    public static string Marker(string kind) => $"[redacted: {kind}]";

    public static string For(string rule, GuardAction action, string kind) => (rule, action) switch
    {
        (GuardRules.Groundedness, GuardAction.Flag) => "This sentence is not clearly supported by the sources.",
        (GuardRules.Groundedness, GuardAction.Redact) => "A sentence the sources do not support was removed.",
        (GuardRules.Groundedness, _) => "The answer was stopped: it made a statement the sources do not support.",
        (GuardRules.CitationSupport, _) => "The cited source does not seem to support this sentence.",
        (GuardRules.UntrustedLink, GuardAction.Flag) => "This link does not come from the sources.",
        (GuardRules.UntrustedLink, _) => "A link to a page that is not in the sources was removed.",
        (GuardRules.InjectionEcho, GuardAction.Flag) => "This text may follow instructions hidden in a document.",
        (GuardRules.InjectionEcho, GuardAction.Redact) => "Text that followed instructions hidden in a document was removed.",
        (GuardRules.InjectionEcho, _) => "The answer was stopped: it appeared to follow instructions hidden in a document.",
        (GuardRules.Blocklist, GuardAction.Flag) => "The answer mentions a restricted topic.",
        (GuardRules.Blocklist, GuardAction.Redact) => "A restricted term was removed from the answer.",
        (GuardRules.Blocklist, _) => "The answer was stopped: it touched a topic that is not answered here.",
        (_, GuardAction.Flag) => $"The answer contains {Article(kind)} {kind}.",
        (_, GuardAction.Redact) => $"{Capitalised(Article(kind))} {kind} was removed from the answer.",
        _ => $"The answer was stopped: it would have shown {Article(kind)} {kind}.",
    };

    public static string ForQuestion(string kind) => $"Your question contained {Article(kind)} {kind}; it is kept and logged with it removed.";

    public static string ForSource(bool dropped) => dropped
        ? "A source was left out because it contains instructions aimed at an AI assistant."
        : "A source contains instructions aimed at an AI assistant; it was given to the model as quoted text only.";

    private static string Article(string kind) => kind.Length > 0 && "aeiouAEIOU".Contains(kind[0]) && !kind.StartsWith("us", StringComparison.OrdinalIgnoreCase) ? "an" : "a";

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
