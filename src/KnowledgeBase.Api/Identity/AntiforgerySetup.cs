using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.SignalR;

namespace KnowledgeBase.Api.Identity;

/// <summary>
/// Double-submit antiforgery for the cookie session: the server sets a readable <c>XSRF-TOKEN</c>
/// cookie (paired with an HttpOnly antiforgery cookie); the UI echoes it as <c>X-XSRF-TOKEN</c> on
/// every state change. API keys are not ambient credentials, so their requests need no token.
/// </summary>
public static class AntiforgerySetup
{
    public const string HeaderName = "X-XSRF-TOKEN";
    public const string ReadableCookieName = "XSRF-TOKEN";

    /// <summary>Marks an endpoint whose state change is allowed without the token (sign-in only).</summary>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
    public sealed class ExemptAttribute : Attribute;

    public static IServiceCollection AddKnowledgeBaseAntiforgery(this IServiceCollection services, CookieSecurePolicy securePolicy) =>
        services.AddAntiforgery(options =>
        {
            options.HeaderName = HeaderName;
            options.Cookie.Name = "kb.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = securePolicy;
        });

    /// <summary>Issues a fresh token pair for <see cref="HttpContext.User"/> (set it first after a sign-in).</summary>
    public static void IssueToken(HttpContext http)
    {
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        var tokens = antiforgery.GetAndStoreTokens(http);
        var cookieOptions = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.Cookie.Build(http);
        cookieOptions.HttpOnly = false;
        cookieOptions.Path = "/";
        http.Response.Cookies.Append(ReadableCookieName, tokens.RequestToken!, cookieOptions);
    }

    /// <summary>
    /// Validates POST/PUT/PATCH/DELETE of cookie-authenticated callers. Runs after authorization, so
    /// a caller without access still gets 401/403. Hub endpoints are exempt: the SignalR connection
    /// token returned by negotiate (unreadable cross-origin) already ties each transport request to it.
    /// </summary>
    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (RequiresToken(http) && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Antiforgery token missing or invalid",
                    detail: $"Cookie-authenticated changes need the '{HeaderName}' header set to the value of the '{ReadableCookieName}' cookie (issued at sign-in and by GET /api/auth/me).")
                    .ExecuteAsync(http);
                return;
            }

            await next(http);
        });

    private static bool RequiresToken(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method))
        {
            return false;
        }

        if (!http.User.IsPerson())
        {
            return false;
        }

        var endpoint = http.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<ExemptAttribute>() is null && endpoint?.Metadata.GetMetadata<HubMetadata>() is null;
    }
}
