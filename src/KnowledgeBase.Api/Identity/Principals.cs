using System.Security.Claims;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KnowledgeBase.Api.Identity;

/// <summary>Builds the principal of a person or an API key from what the database says now.</summary>
public static class Principals
{
    /// <param name="signedInAt">When the person signed in (kept across cookie renewals for the absolute session lifetime).</param>
    public static ClaimsPrincipal ForUser(UserAccess user, DateTimeOffset signedInAt)
    {
        var claims = new List<Claim>
        {
            new(KbClaims.SignedInAt, signedInAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Name, user.Email),
            new(ClaimTypes.Role, user.Role),
            new(KbClaims.Kind, KbClaims.UserKind),
            new(KbClaims.SecurityStamp, user.SecurityStamp),
        };
        if (user.DisplayName is { Length: > 0 } displayName)
        {
            claims.Add(new Claim(KbClaims.DisplayName, displayName));
        }

        claims.AddRange(user.Groups.Select(g => new Claim(KbClaims.Group, g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <remarks>
    /// The name identifier is <c>apikey:{id}</c>, so code keyed by user id never mistakes a key for a
    /// user (it is not a user id); rate limits and usage are per key.
    /// </remarks>
    public static ClaimsPrincipal ForApiKey(ApiKey key)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, $"apikey:{key.Id}"),
            new(ClaimTypes.Name, key.Name),
            new(KbClaims.Kind, KbClaims.ApiKeyKind),
            new(KbClaims.ApiKeyId, key.Id.ToString()),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(KbClaims.Scope, s)));
        claims.AddRange(key.Groups.Select(g => new Claim(KbClaims.Group, g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthenticationHandler.SchemeName));
    }
}
