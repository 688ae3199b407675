namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// Every rule id: the names used in configuration (<c>Guardrails:Actions:&lt;id&gt;</c>), on events, in the
/// <c>guardrail_events</c> table and as the <c>rule</c> label of <c>kb.guardrail.actions</c> (a fixed set: never a
/// configured term or a collection name).
/// </summary>
public static class GuardRules
{
    public const string Email = "pii.email";
    public const string Phone = "pii.phone";
    public const string PaymentCard = "pii.payment_card";
    public const string Iban = "pii.iban";
    public const string UsSsn = "pii.us_ssn";
    public const string IpAddress = "pii.ip_address";

    public const string AwsKey = "secret.aws_key";
    public const string GitHubToken = "secret.github_token";
    public const string GitLabToken = "secret.gitlab_token";
    public const string SlackToken = "secret.slack_token";
    public const string StripeKey = "secret.stripe_key";
    public const string OpenAiKey = "secret.openai_key";
    public const string GoogleApiKey = "secret.google_api_key";
    public const string PrivateKey = "secret.private_key";
    public const string Jwt = "secret.jwt";
    public const string Password = "secret.password";
    public const string GenericSecret = "secret.generic";

    public const string Blocklist = "blocklist";

    public const string Groundedness = "groundedness";
    public const string CitationSupport = "citation.unsupported";
    public const string UntrustedLink = "link.untrusted";

    public const string InjectionSource = "injection.source";
    public const string HiddenText = "injection.hidden_text";
    public const string InjectionEcho = "injection.echo";
    public const string PromptExtraction = "input.prompt_extraction";

    public static IReadOnlyList<string> Pii { get; } = [Email, Phone, PaymentCard, Iban, UsSsn, IpAddress];

    public static IReadOnlyList<string> Secrets { get; } =
        [AwsKey, GitHubToken, GitLabToken, SlackToken, StripeKey, OpenAiKey, GoogleApiKey, PrivateKey, Jwt, Password, GenericSecret];

    public static IReadOnlyList<string> All { get; } =
        [.. Pii, .. Secrets, Blocklist, Groundedness, CitationSupport, UntrustedLink, InjectionSource, HiddenText, InjectionEcho, PromptExtraction];

    public static bool IsSecret(string rule) => rule.StartsWith("secret.", StringComparison.Ordinal);

    public static bool IsPii(string rule) => rule.StartsWith("pii.", StringComparison.Ordinal);
}
