using System.Security.Claims;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.Identity;

public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record Me(string Email, string Role, IReadOnlyList<string> Groups);

    public static RouteGroupBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Identity");

        group.MapPost("/login", async Task<Results<Ok<Me>, ProblemHttpResult>> (LoginRequest request, UserDirectory users, HttpContext http, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-in failed", detail: "Email and password are required.");
            }

            var user = await users.VerifyAsync(request.Email, request.Password, cancellationToken);
            if (user is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The email or password is wrong.");
            }

            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(user));
            return TypedResults.Ok(new Me(user.Email, user.Role, user.Groups));
        }).AllowAnonymous();

        group.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).RequireAuthorization();

        group.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Me(
            user.FindFirstValue(ClaimTypes.Email) ?? string.Empty,
            user.FindFirstValue(ClaimTypes.Role) ?? string.Empty,
            user.FindAll(ClaimsPrincipalExtensions.GroupClaim).Select(c => c.Value).ToList()))).RequireAuthorization();

        return group;
    }

    private static ClaimsPrincipal Principal(User user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Email, user.Email),
            new(ClaimTypes.Name, user.Email),
            new(ClaimTypes.Role, user.Role),
        };
        claims.AddRange(user.Groups.Select(g => new Claim(ClaimsPrincipalExtensions.GroupClaim, g)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
