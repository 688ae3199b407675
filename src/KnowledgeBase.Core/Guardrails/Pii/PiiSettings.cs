namespace KnowledgeBase.Core.Guardrails.Pii;

/// <summary>
/// What counts as personal data: the score a match needs (after checksums and context), the e-mail domains that
/// are the company's own (<c>support@company.com</c> is not personal) and exact values that are public
/// (a help-desk phone number). Values compare by letters and digits only, case-insensitively.
/// </summary>
public sealed class PiiSettings
{
    public static PiiSettings Default { get; } = new();

    public double MinScore { get; init; } = 0.5;

    public IReadOnlyList<string> AllowedEmailDomains { get; init; } = [];

    public IReadOnlyList<string> AllowedValues
    {
        get => allowed;
        init
        {
            allowed = value;
            normalizedAllowed = [.. value.Select(Normalize)];
        }
    }

    private readonly IReadOnlyList<string> allowed = [];
    private readonly HashSet<string> normalizedAllowed = [];

    public bool IsAllowedValue(ReadOnlySpan<char> value) => normalizedAllowed.Count > 0 && normalizedAllowed.Contains(Normalize(value.ToString()));

    public bool IsAllowedDomain(ReadOnlySpan<char> domain)
    {
        foreach (var allowedDomain in AllowedEmailDomains)
        {
            if (domain.Equals(allowedDomain, StringComparison.OrdinalIgnoreCase)
                || (domain.EndsWith(allowedDomain, StringComparison.OrdinalIgnoreCase) && domain.Length > allowedDomain.Length && domain[domain.Length - allowedDomain.Length - 1] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalize(string value) => string.Concat(value.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
