using System.Security.Claims;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KnowledgeBase.Api.Identity;

/// <summary>
/// The sign-in cookie only proves who the user is; every request takes the role and groups from
/// <see cref="UserAccessCache"/> (database, evicted on change), so a removed group or role stops
/// granting access at the next request. A deleted user or a changed password (new security stamp)
/// ends the session. Chosen over periodic security-stamp validation because that leaves stale
/// claims for its whole interval.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var access = await CurrentAsync(context.Principal, context.HttpContext.RequestServices, context.HttpContext.RequestAborted);
        if (access is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(Principals.ForUser(access));
    }

    /// <summary>The user's current access, or null when the session must end.</summary>
    public static async Task<UserAccess?> CurrentAsync(ClaimsPrincipal? principal, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (principal?.UserId() is not { } id)
        {
            return null;
        }

        var cache = services.GetRequiredService<UserAccessCache>();
        var stamp = principal.FindFirstValue(KbClaims.SecurityStamp);
        var access = await cache.GetAsync(id, cancellationToken);
        if (access is not null && access.SecurityStamp != stamp)
        {
            // The cookie may be newer than the cache (a password set by another process, then a sign-in): ask the database.
            cache.Forget(id);
            access = await cache.GetAsync(id, cancellationToken);
        }

        return access is not null && access.SecurityStamp == stamp ? access : null;
    }
}
