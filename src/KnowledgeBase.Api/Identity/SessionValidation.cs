using System.Security.Claims;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Identity;

/// <summary>
/// The sign-in cookie only proves who the user is; every request takes the role and groups from
/// <see cref="UserAccessCache"/> (database, evicted on change), so a removed group or role stops
/// granting access at the next request. A deleted user or a changed password (new security stamp)
/// ends the session, and so does signing out (a new stamp) and the absolute lifetime
/// (<see cref="IdentitySettings.AbsoluteSessionHours"/> after sign-in, however active). Chosen over periodic
/// security-stamp validation because that leaves stale claims for its whole interval.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var signedInAt = SignedInAt(context.Principal);
        var maxAge = TimeSpan.FromHours(services.GetRequiredService<IOptions<IdentitySettings>>().Value.AbsoluteSessionHours);
        var expired = signedInAt is null || services.GetRequiredService<TimeProvider>().GetUtcNow() - signedInAt > maxAge;
        var access = expired ? null : await CurrentAsync(context.Principal, services, context.HttpContext.RequestAborted);
        if (access is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(Principals.ForUser(access, signedInAt!.Value));
    }

    private static DateTimeOffset? SignedInAt(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirstValue(KbClaims.SignedInAt), System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

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
