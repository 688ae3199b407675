using System.Security.Claims;
using System.Text.Json;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>Who an OpenID Connect provider says the user is: subject, email, name and groups.</summary>
public sealed record ExternalIdentity(string Subject, string Email, string? DisplayName, IReadOnlyList<string> Groups)
{
    /// <summary>
    /// Reads the provider's claims (raw JWT names such as <c>sub</c>, or .NET's mapped ones). The
    /// groups claim may be repeated or hold a JSON array; null when subject or email is missing.
    /// </summary>
    public static ExternalIdentity? FromClaims(ClaimsPrincipal principal, string groupsClaim)
    {
        var subject = First(principal, "sub", ClaimTypes.NameIdentifier);
        var email = First(principal, "email", ClaimTypes.Email, "preferred_username", ClaimTypes.Upn);
        if (subject is null || email is null || !email.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var name = First(principal, "name", ClaimTypes.Name);
        var groups = principal.FindAll(groupsClaim)
            .SelectMany(c => Values(c.Value))
            .Where(g => g.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new ExternalIdentity(subject, email.Trim(), string.IsNullOrWhiteSpace(name) ? null : name.Trim(), groups);
    }

    private static string? First(ClaimsPrincipal principal, params string[] types) =>
        types.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    private static IEnumerable<string> Values(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.StartsWith('['))
        {
            return [trimmed];
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(trimmed)?.Select(v => v.Trim()) ?? [];
        }
        catch (JsonException)
        {
            return [trimmed];
        }
    }
}
