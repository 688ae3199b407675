using System.Globalization;
using System.Security.Claims;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Identity;

public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record Me(Guid Id, string Email, string? DisplayName, string Role, IReadOnlyList<string> Groups);

    public sealed record OidcProvider(string DisplayName, string LoginUrl);

    public sealed record Providers(bool Password, OidcProvider? Oidc);

    public static RouteGroupBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Identity");

        group.MapPost("/login", LoginAsync)
            .AllowAnonymous()
            .WithMetadata(new AntiforgerySetup.ExemptAttribute())
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/logout", async (HttpContext http, UserDirectory users, CancellationToken cancellationToken) =>
        {
            // A new security stamp: this cookie (and any copy of it) stops working, not only the browser's copy.
            if (http.User.UserId() is { } id)
            {
                await users.EndSessionsAsync(id, cancellationToken);
            }

            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            http.Response.Cookies.Delete(AntiforgerySetup.ReadableCookieName);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Person);

        group.MapGet("/me", (HttpContext http) =>
        {
            AntiforgerySetup.IssueToken(http);
            return TypedResults.Ok(MeOf(http.User));
        }).RequireAuthorization(Policies.Person);

        group.MapGet("/providers", (IOptions<OidcOptions> oidc) => TypedResults.Ok(new Providers(
            true,
            oidc.Value.Enabled ? new OidcProvider(oidc.Value.DisplayName, OidcOptions.LoginPath) : null)))
            .AllowAnonymous();

        if (app.ServiceProvider.GetRequiredService<IOptions<OidcOptions>>().Value.Enabled)
        {
            // A top-level navigation, not a fetch: the provider's pages are shown, then it comes back to returnUrl.
            group.MapGet("/oidc/login", (string? returnUrl) => TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = SafeReturnUrl(returnUrl) }, [OidcOptions.Scheme]))
                .AllowAnonymous();
        }

        return group;
    }

    /// <summary>
    /// A wrong password, an unknown e-mail and a locked account get the same 401, so the answer never reveals
    /// which e-mails have accounts; attempts per client IP are limited (<see cref="SignInRateLimiter"/>).
    /// </summary>
    private static async Task<Results<Ok<Me>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, UserDirectory users, SignInRateLimiter limiter, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-in failed", detail: "Email and password are required.");
        }

        if (await limiter.TryAcquireAsync(http, cancellationToken) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
                detail: $"Too many sign-in attempts from this address; try again in {seconds} s.");
        }

        var check = await users.CheckPasswordAsync(request.Email, request.Password, cancellationToken);
        if (check is not { Outcome: PasswordCheckOutcome.Success, User: { } user })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "The email or password is wrong. After too many failed attempts an account is also locked for a few minutes.");
        }

        var principal = Principals.ForUser(user, time.GetUtcNow());
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        // The antiforgery token is bound to the user it is issued for: issue it for the new principal.
        http.User = principal;
        AntiforgerySetup.IssueToken(http);
        return TypedResults.Ok(MeOf(principal));
    }

    /// <summary>
    /// Where to go after signing in: the framework's local-URL rule (a path on this site; not <c>//host</c>, <c>/\host</c>
    /// or a path with control characters, which browsers strip into one), else the home page.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) => RedirectHttpResult.IsLocalUrl(returnUrl) ? returnUrl! : "/";

    private static Me MeOf(ClaimsPrincipal user) => new(
        user.UserId() ?? Guid.Empty,
        user.FindFirstValue(ClaimTypes.Email) ?? string.Empty,
        user.FindFirstValue(KbClaims.DisplayName),
        user.FindFirstValue(ClaimTypes.Role) ?? Roles.Employee,
        user.Groups());
}
