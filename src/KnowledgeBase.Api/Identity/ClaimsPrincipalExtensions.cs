using System.Security.Claims;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Identity;

namespace KnowledgeBase.Api.Identity;

public static class ClaimsPrincipalExtensions
{
    public const string GroupClaim = "kb:group";

    /// <summary>The documents this user may read, derived from the sign-in claims (never from the request body).</summary>
    public static AccessScope ToAccessScope(this ClaimsPrincipal user, string? collection = null) =>
        new(user.FindAll(GroupClaim).Select(c => c.Value).ToList(), user.IsInRole(Roles.Admin), collection);
}
