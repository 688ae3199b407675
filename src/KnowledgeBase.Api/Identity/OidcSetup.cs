using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KnowledgeBase.Api.Identity;

public static class OidcSetup
{
    /// <summary>
    /// Authorization code flow with PKCE. On the way back the provider's claims become a local user
    /// (created as an employee on first sign-in, groups taken from <see cref="OidcOptions.GroupsClaim"/>),
    /// and the cookie holds the same principal as a password sign-in.
    /// </summary>
    public static AuthenticationBuilder AddKnowledgeBaseOidc(this AuthenticationBuilder builder, OidcOptions oidc) =>
        builder.AddOpenIdConnect(OidcOptions.Scheme, oidc.DisplayName, options =>
        {
            options.Authority = oidc.Authority;
            options.ClientId = oidc.ClientId;
            options.ClientSecret = oidc.ClientSecret;
            options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.SaveTokens = false;
            options.GetClaimsFromUserInfoEndpoint = true;
            // Keep the provider's claim names (sub, email, groups) as they are.
            options.MapInboundClaims = false;
            options.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
            {
                options.Scope.Add(scope);
            }

            options.Events.OnTicketReceived = async context =>
            {
                var identity = context.Principal is null ? null : ExternalIdentity.FromClaims(context.Principal, oidc.GroupsClaim);
                if (identity is null)
                {
                    context.Fail("The identity provider sent no subject or email.");
                    return;
                }

                var directory = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
                var user = await directory.ProvisionExternalAsync(OidcOptions.Scheme, identity, context.HttpContext.RequestAborted);
                context.Principal = Principals.ForUser(user);
            };
            options.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/?signin=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
}
