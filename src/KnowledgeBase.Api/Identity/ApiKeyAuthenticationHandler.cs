using System.Text.Encodings.Web;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Identity;

/// <summary>Authenticates <c>Authorization: Bearer kb_…</c> or <c>X-Api-Key: kb_…</c> against the stored key hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private const string BearerPrefix = "Bearer ";

    /// <summary>True when the request carries something meant as an API key (the policy scheme then picks this handler).</summary>
    public static bool IsPresent(HttpRequest request) =>
        request.Headers.ContainsKey(HeaderName)
        || request.Headers.Authorization.ToString().StartsWith(BearerPrefix + ApiKeySecret.Marker, StringComparison.Ordinal);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers.TryGetValue(HeaderName, out var header)
            ? header.ToString().Trim()
            : Request.Headers.Authorization.ToString() is var authorization && authorization.StartsWith(BearerPrefix, StringComparison.Ordinal)
                ? authorization[BearerPrefix.Length..].Trim()
                : null;
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeySecret.LooksLikeKey(presented))
        {
            return AuthenticateResult.Fail("The API key is malformed (keys start with 'kb_').");
        }

        var key = await Context.RequestServices.GetRequiredService<ApiKeyStore>().AuthenticateAsync(presented, Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail("The API key is unknown or revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(Principals.ForApiKey(key), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in",
            detail: result.Failure?.Message ?? "Send an API key as 'Authorization: Bearer kb_…' or 'X-Api-Key'.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "This API key's scopes do not include this endpoint.").ExecuteAsync(Context);
}
