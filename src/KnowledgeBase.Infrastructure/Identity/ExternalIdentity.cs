using System.Security.Claims;
using System.Text.Json;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>
/// Who an OpenID Connect provider says the user is. <see cref="Issuer"/> and <see cref="Subject"/> together are the
/// identity; the e-mail is only a hint, trusted for linking to an existing account when <see cref="EmailVerified"/>.
/// </summary>
public sealed record ExternalIdentity(string Issuer, string Subject, string Email, bool EmailVerified, string? DisplayName, IReadOnlyList<string> Groups)
{
    /// <summary>The login key stored for this identity: the issuer and the subject, so two providers' subjects never collide.</summary>
    public string LoginKey => $"{Issuer}|{Subject}";

    /// <summary>
    /// Reads the provider's claims (raw JWT names such as <c>sub</c>, or .NET's mapped ones). The e-mail comes only
    /// from the <c>email</c> claim: <c>preferred_username</c> and UPN are names the user or tenant may choose, not
    /// addresses the provider checked. Groups pass through <paramref name="groups"/> (allow-list or prefix).
    /// Null when issuer, subject or e-mail is missing.
    /// </summary>
    public static ExternalIdentity? FromClaims(ClaimsPrincipal principal, string groupsClaim, ExternalGroupMapping groups)
    {
        var subject = First(principal, "sub", ClaimTypes.NameIdentifier);
        var email = First(principal, "email", ClaimTypes.Email);
        var issuer = First(principal, "iss") ?? principal.FindFirst(c => c.Type is "sub" or ClaimTypes.NameIdentifier)?.Issuer;
        if (subject is null || issuer is null || email is null || !email.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var verified = string.Equals(First(principal, "email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        var name = First(principal, "name", ClaimTypes.Name);
        var mapped = groups.Map(principal.FindAll(groupsClaim).SelectMany(c => Values(c.Value)));
        return new ExternalIdentity(issuer, subject, email.Trim(), verified, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), mapped);
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
