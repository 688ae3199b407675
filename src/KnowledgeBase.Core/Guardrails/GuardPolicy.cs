using KnowledgeBase.Core.Guardrails.Pii;

namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// Which action each rule takes (rules not listed use <see cref="Defaults"/>), the personal-data settings, and the
/// blocklist entries. Immutable: built once from configuration and shared by every answer.
/// </summary>
public sealed class GuardPolicy
{
    /// <summary>The shipped defaults; see the README's policy table for the reasons.</summary>
    public static IReadOnlyDictionary<string, GuardAction> Defaults { get; } = new Dictionary<string, GuardAction>
    {
        [GuardRules.Email] = GuardAction.Redact,
        [GuardRules.Phone] = GuardAction.Redact,
        [GuardRules.PaymentCard] = GuardAction.Redact,
        [GuardRules.Iban] = GuardAction.Redact,
        [GuardRules.UsSsn] = GuardAction.Redact,
        [GuardRules.IpAddress] = GuardAction.Redact,
        [GuardRules.AwsKey] = GuardAction.Redact,
        [GuardRules.GitHubToken] = GuardAction.Redact,
        [GuardRules.GitLabToken] = GuardAction.Redact,
        [GuardRules.SlackToken] = GuardAction.Redact,
        [GuardRules.StripeKey] = GuardAction.Redact,
        [GuardRules.OpenAiKey] = GuardAction.Redact,
        [GuardRules.GoogleApiKey] = GuardAction.Redact,
        [GuardRules.PrivateKey] = GuardAction.Block,
        [GuardRules.Jwt] = GuardAction.Redact,
        [GuardRules.Password] = GuardAction.Redact,
        [GuardRules.GenericSecret] = GuardAction.Redact,
        [GuardRules.Blocklist] = GuardAction.Block,
        [GuardRules.Groundedness] = GuardAction.Flag,
        [GuardRules.CitationSupport] = GuardAction.Flag,
        [GuardRules.UntrustedLink] = GuardAction.Redact,
        [GuardRules.InjectionEcho] = GuardAction.Block,
        [GuardRules.InjectionSource] = GuardAction.Block,
        [GuardRules.HiddenText] = GuardAction.Redact,
        [GuardRules.PromptExtraction] = GuardAction.Block,
    };

    public static GuardPolicy Default { get; } = new();

    public IReadOnlyDictionary<string, GuardAction> Actions { get; init; } = Defaults;

    public PiiSettings Pii { get; init; } = PiiSettings.Default;

    public IReadOnlyList<BlocklistEntry> Blocklist { get; init; } = [];

    /// <summary>Origins links in answers may always point to (the app's own); relative links always may.</summary>
    public IReadOnlyList<string> AllowedLinkOrigins { get; init; } = [];

    /// <summary>
    /// The rules applied to questions: what they find is removed from the stored, logged, traced and model-bound
    /// question (the user typed it; nobody else needs to keep it). Secrets and financial or identity numbers by
    /// default; an e-mail address or phone number in a question is usually what the question is about.
    /// </summary>
    public IReadOnlyList<string> InputRules { get; init; } = [.. GuardRules.Secrets, GuardRules.PaymentCard, GuardRules.Iban, GuardRules.UsSsn];

    public GuardAction ActionFor(string rule) => Actions.TryGetValue(rule, out var action) ? action : Defaults.GetValueOrDefault(rule, GuardAction.Off);

    /// <summary>The action for one match: a blocklist entry carries its own.</summary>
    public GuardAction ActionFor(Detection detection) => detection.Action ?? ActionFor(detection.Rule);

    public string MessageFor(Detection detection, GuardAction action) =>
        detection.Rule == GuardRules.Blocklist && Blocklist.FirstOrDefault(b => b.Name == detection.Kind)?.Message is { Length: > 0 } custom
            ? custom
            : GuardMessages.For(detection.Rule, action, detection.Kind);

    /// <summary>The entries that apply to a question in <paramref name="collection"/> (null: all collections).</summary>
    public IReadOnlyList<BlocklistEntry> BlocklistFor(string? collection) =>
        [.. Blocklist.Where(b => b.Collections.Count == 0 || (collection is not null && b.Collections.Contains(collection, StringComparer.Ordinal)))];
}
