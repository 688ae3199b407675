using System.Security.Claims;
using KnowledgeBase.Infrastructure.Conversations;

namespace KnowledgeBase.Api.Conversations;

public static class AskerClaims
{
    /// <summary>The signed-in caller as conversations know them: the NameIdentifier claim, and a name for reports.</summary>
    public static Asker ToAsker(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A signed-in caller always has a NameIdentifier claim.");
        return new Asker(id, user.FindFirstValue(ClaimTypes.Email) ?? user.FindFirstValue(ClaimTypes.Name) ?? id);
    }
}
