using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR;

namespace KnowledgeBase.Api.Identity;

public static class AuthenticationSetup
{
    /// <summary>Kept for callers written before <see cref="Policies"/>.</summary>
    public const string AdminPolicy = Policies.Admin;

    /// <summary>Picks the API key handler when the request carries a key, else the cookie.</summary>
    public const string SelectorScheme = "CookieOrApiKey";

    public static IServiceCollection AddKnowledgeBaseAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var oidc = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        // Secure cookies in production; plain HTTP (run.sh on 127.0.0.1, tests) keeps them when set to SameAsRequest.
        var securePolicy = configuration.GetValue<CookieSecurePolicy?>("Identity:SecureCookies")
            ?? (environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);

        services.AddKnowledgeBaseDataProtection(configuration);

        var authentication = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Cookie or API key", options =>
                options.ForwardDefaultSelector = http => ApiKeyAuthenticationHandler.IsPresent(http.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "kb.auth";
                options.Cookie.HttpOnly = true;
                // The provider's redirect back is a cross-site navigation: Strict would hide the new cookie from it.
                options.Cookie.SameSite = oidc.Enabled ? SameSiteMode.Lax : SameSiteMode.Strict;
                options.Cookie.SecurePolicy = securePolicy;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = SessionValidation.ValidatePrincipalAsync;
                // An API answers 401/403; it never redirects to a login page.
                options.Events.OnRedirectToLogin = context => Reject(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in first.");
                options.Events.OnRedirectToAccessDenied = context => Reject(context.HttpContext, StatusCodes.Status403Forbidden, "You do not have access to this.");
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (oidc.Enabled)
        {
            authentication.AddKnowledgeBaseOidc(oidc);
        }

        var person = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireClaim(KbClaims.Kind, KbClaims.UserKind).Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(person)
            .SetFallbackPolicy(person)
            .AddPolicy(Policies.Person, person)
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsAdmin()))
            .AddPolicy(Policies.Ask, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsPerson() || c.User.HasScope(ApiKeyScopes.Ask)))
            .AddPolicy(Policies.Search, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsAdmin() || c.User.HasScope(ApiKeyScopes.Search)))
            .AddPolicy(Policies.Documents, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.ManagesDocuments()))
            .AddPolicy(Policies.ReadDocument, policy => policy.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.IsPerson() || ApiKeyScopes.All.Any(c.User.HasScope)));

        services.AddKnowledgeBaseAntiforgery(securePolicy);
        services.AddSingleton<SignInRateLimiter>();
        services.Configure<HubOptions>(hubs => hubs.AddFilter<FreshPrincipalHubFilter>());
        return services;
    }

    private static Task Reject(HttpContext http, int status, string detail) =>
        TypedResults.Problem(statusCode: status, title: status == StatusCodes.Status401Unauthorized ? "Not signed in" : "Forbidden", detail: detail).ExecuteAsync(http);
}
