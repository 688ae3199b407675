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
            .ProducesProblem(StatusCodes.Status423Locked);

        group.MapPost("/logout", async (HttpContext http) =>
        {
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
                new AuthenticationProperties { RedirectUri = IsLocalPath(returnUrl) ? returnUrl : "/" }, [OidcOptions.Scheme]))
                .AllowAnonymous();
        }

        return group;
    }

    private static async Task<Results<Ok<Me>, ProblemHttpResult>> LoginAsync(LoginRequest request, UserDirectory users, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-in failed", detail: "Email and password are required.");
        }

        var check = await users.CheckPasswordAsync(request.Email, request.Password, cancellationToken);
        switch (check)
        {
            case { Outcome: PasswordCheckOutcome.LockedOut, LockedOutUntil: var until }:
                var minutes = until is { } end ? Math.Max(1, (int)Math.Ceiling((end - time.GetUtcNow()).TotalMinutes)) : 0;
                return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked",
                    detail: $"Too many failed sign-ins: this account is locked until {until?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)} (about {minutes} min).",
                    extensions: new Dictionary<string, object?> { ["lockedOutUntil"] = until });
            case { Outcome: PasswordCheckOutcome.Success, User: { } user }:
                var principal = Principals.ForUser(user);
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
                // The antiforgery token is bound to the user it is issued for: issue it for the new principal.
                http.User = principal;
                AntiforgerySetup.IssueToken(http);
                return TypedResults.Ok(MeOf(principal));
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The email or password is wrong.");
        }
    }

    private static Me MeOf(ClaimsPrincipal user) => new(
        user.UserId() ?? Guid.Empty,
        user.FindFirstValue(ClaimTypes.Email) ?? string.Empty,
        user.FindFirstValue(KbClaims.DisplayName),
        user.FindFirstValue(ClaimTypes.Role) ?? Roles.Employee,
        user.Groups());

    private static bool IsLocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
