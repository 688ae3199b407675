using System.Security.Claims;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Identity;

namespace KnowledgeBase.Api.Identity;

public static class ClaimsPrincipalExtensions
{
    /// <summary>Kept for callers that name the group claim through this class.</summary>
    public const string GroupClaim = KbClaims.Group;

    /// <summary>The documents this caller may read, derived from the sign-in claims (never from the request body).</summary>
    public static AccessScope ToAccessScope(this ClaimsPrincipal user, string? collection = null) =>
        new(user.Groups(), user.IsAdmin(), collection);

    public static IReadOnlyList<string> Groups(this ClaimsPrincipal user) => user.FindAll(KbClaims.Group).Select(c => c.Value).ToList();

    public static bool IsPerson(this ClaimsPrincipal user) => user.HasClaim(KbClaims.Kind, KbClaims.UserKind);

    public static bool IsApiKey(this ClaimsPrincipal user) => user.HasClaim(KbClaims.Kind, KbClaims.ApiKeyKind);

    /// <summary>Admins are people; a key is never an admin, whatever its scopes.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsPerson() && user.IsInRole(Roles.Admin);

    public static bool HasScope(this ClaimsPrincipal user, string scope) => user.IsApiKey() && user.HasClaim(KbClaims.Scope, scope);

    /// <summary>
    /// Admins, and keys with the documents scope, manage (and so read) every document. Such keys are created without
    /// groups (ApiKeyStore refuses them); one that has groups anyway (made before that rule) manages nothing, so a
    /// key that looks confined never reaches another group's documents.
    /// </summary>
    public static bool ManagesDocuments(this ClaimsPrincipal user) =>
        user.IsAdmin() || (user.HasScope(ApiKeyScopes.Documents) && user.Groups().Count == 0);

    /// <summary>The signed-in person's user id; null for API keys and anonymous callers.</summary>
    public static Guid? UserId(this ClaimsPrincipal user) =>
        user.IsPerson() && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? ApiKeyId(this ClaimsPrincipal user) =>
        user.IsApiKey() && Guid.TryParse(user.FindFirstValue(KbClaims.ApiKeyId), out var id) ? id : null;
}
