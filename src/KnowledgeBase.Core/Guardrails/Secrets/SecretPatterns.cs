using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails.Secrets;

/// <summary>
/// The secret formats: vendor keys recognisable by their prefix (gitleaks' and GitHub secret scanning's formats),
/// private-key blocks, JWTs, passwords in connection strings and assignments, and a generic detector for random
/// values: after a key-like name (<c>api_key = …</c>, gitleaks' generic rule, entropy ≥ 3.5) or standing alone when
/// long and random enough (≥ 32 characters, digits and both cases, entropy ≥ 4.3; detect-secrets uses 4.5 for base64).
/// </summary>
public static partial class SecretPatterns
{
    /// <summary>Minimum entropy of a value named like a key (gitleaks' generic-api-key rule).</summary>
    public const double AssignedEntropy = 3.5;

    /// <summary>Minimum entropy of a long random-looking value with no name before it.</summary>
    public const double BareEntropy = 4.3;

    public static IReadOnlyList<SecretPattern> All { get; } =
    [
        new(GuardRules.AwsKey, "AWS access key", AwsAccessKey(), ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"]),
        new(GuardRules.AwsKey, "AWS secret key", AwsSecretKey(), ["aws"], IgnoreCaseHints: true, NamedValue: true, MinValueLength: 40),
        new(GuardRules.GitHubToken, "GitHub token", GitHub(), ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
        new(GuardRules.GitLabToken, "GitLab token", GitLab(), ["glpat-", "glptt-", "gldt-", "glrt-", "glcbt-", "gloas-"]),
        new(GuardRules.SlackToken, "Slack token", Slack(), ["xox", "hooks.slack.com"]),
        new(GuardRules.StripeKey, "Stripe key", Stripe(), ["_live_", "_test_", "whsec_"]),
        new(GuardRules.OpenAiKey, "API key", OpenAi(), ["sk-"]),
        new(GuardRules.GoogleApiKey, "Google API key", Google(), ["AIza"]),
        new(GuardRules.PrivateKey, "private key", PrivateKeyBlock(), ["-----BEGIN"]),
        new(GuardRules.Jwt, "access token", Jwt(), ["eyJ"]),
        new(GuardRules.Password, "password", UrlCredentials(), ["://"], v => !IsPlaceholder(v)),
        new(GuardRules.Password, "password", ConnectionStringPassword(), ["pwd", "password"], v => !IsPlaceholder(v), IgnoreCaseHints: true, NamedValue: true, MinValueLength: 1),
        new(GuardRules.Password, "password", AssignedPassword(), ["pass", "pwd"], v => !IsPlaceholder(v) && LooksGenerated(v, 0), IgnoreCaseHints: true, NamedValue: true, MinValueLength: 6),
        new(GuardRules.GenericSecret, "secret", AssignedSecret(), ["key", "secret", "token", "credential", "bearer", "auth"],
            v => !IsPlaceholder(v) && LooksGenerated(v, AssignedEntropy), IgnoreCaseHints: true, NamedValue: true, MinValueLength: 12),
        new(GuardRules.GenericSecret, "secret", BareToken(), [], v => Entropy.MixedClasses(v) && Entropy.Of(v) >= BareEntropy, MinValueLength: 32),
    ];

    /// <summary>Documentation's stand-ins for a value: <c>&lt;password&gt;</c>, <c>${DB_PASSWORD}</c>, <c>****</c>, <c>changeme</c>, our own redaction marker.</summary>
    public static bool IsPlaceholder(string value) =>
        value.Length == 0 || value[0] is '<' or '{' or '$' or '%' or '[' or '*' or '.' || value.All(c => c == value[0]) || Placeholder().IsMatch(value);

    /// <summary>A value a person or a generator chose as a secret: letters with digits or symbols, or mixed case, and enough entropy.</summary>
    private static bool LooksGenerated(string value, double minEntropy) =>
        (value.Any(char.IsAsciiDigit) || value.Any(c => !char.IsAsciiLetterOrDigit(c)) || (value.Any(char.IsAsciiLetterUpper) && value.Skip(1).Any(char.IsAsciiLetterLower)))
        && value.Any(char.IsAsciiLetter) && Entropy.Of(value) >= minEntropy;

    [GeneratedRegex(@"\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"(?i:aws)[\w .-]{0,25}(?i:secret|sk)[\w .-]{0,25}(?::|=|:=|=>)\s*[""'`]?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", RegexOptions.CultureInvariant)]
    private static partial Regex AwsSecretKey();

    [GeneratedRegex(@"\b(?:(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,255})\b", RegexOptions.CultureInvariant)]
    private static partial Regex GitHub();

    [GeneratedRegex(@"\bgl(?:pat|ptt|dt|rt|cbt|oas)-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex GitLab();

    [GeneratedRegex(@"\bxox[abposr]-[A-Za-z0-9-]{10,}|https://hooks\.slack\.com/services/[A-Za-z0-9/_]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex Slack();

    [GeneratedRegex(@"\b(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|whsec_[A-Za-z0-9]{24,})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Stripe();

    [GeneratedRegex(@"(?<![\w-])sk-(?:proj-|svcacct-|admin-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex OpenAi();

    [GeneratedRegex(@"\bAIza[0-9A-Za-z_-]{35}", RegexOptions.CultureInvariant)]
    private static partial Regex Google();

    // Unterminated, the block runs to the end of the text: the answer was cut inside the key.
    [GeneratedRegex(@"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:.*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|.*$)", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex PrivateKeyBlock();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s:/@""'<>]{1,64}:(?<secret>[^\s@/""'<>]{1,128})@[^\s""'<>]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();

    // Password=… inside a connection string: another Key=value; pair before or after it says so.
    [GeneratedRegex(
        @"(?:(?<=(?i:server|host|data source|user id|uid|username|user|database|initial catalog|port)\s*=[^;\n]{0,100};[^\n]{0,200}?)(?i:\b(?:password|pwd)\s*=\s*)(?<secret>[^;\s""']+)|(?i:\b(?:password|pwd)\s*=\s*)(?<secret>[^;\s""']+)(?=;\s*(?i:server|host|data source|user id|uid|username|user|database|initial catalog|port)\s*=))",
        RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex(@"(?i:\b(?:password|passwd|pwd|passphrase|passcode)\b)[ \t]*(?::|=|:=|=>|\bis\b:?)[ \t]*[""'`]?(?<secret>[^\s""'`;,]{6,128})", RegexOptions.CultureInvariant)]
    private static partial Regex AssignedPassword();

    [GeneratedRegex(
        @"(?i:\b(?:api[_-]?key|apikey|secret[_-]?key|secret|token|access[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|credentials?|private[_-]?key|bearer)\b)[\w.-]{0,20}?(?:[ \t]*(?::|=|:=|=>)[ \t]*|[ \t]+)[""'`]?(?<secret>[A-Za-z0-9+/=_~.-]{12,256})",
        RegexOptions.CultureInvariant)]
    private static partial Regex AssignedSecret();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{32,512}={0,2}(?![A-Za-z0-9+/=_-])", RegexOptions.CultureInvariant)]
    private static partial Regex BareToken();

    [GeneratedRegex(@"^(?i:changeme|change_me|password|passw0rd|secret|example|redacted|xxx+|your[_-]?\w*|my[_-]?\w*|none|null|undefined|required|optional)$", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
