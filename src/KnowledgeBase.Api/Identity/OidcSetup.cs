using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KnowledgeBase.Api.Identity;

public static class OidcSetup
{
    /// <summary>
    /// Authorization code flow with PKCE. On the way back the provider's identity (issuer + subject) becomes a local
    /// user (created as an employee on first sign-in; see <see cref="UserDirectory.ProvisionExternalAsync"/> for when an
    /// existing account is linked), groups come from <see cref="OidcOptions.GroupsClaim"/> through the configured
    /// allow-list/prefix, and the cookie holds the same principal as a password sign-in.
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
                var identity = context.Principal is null ? null : ExternalIdentity.FromClaims(context.Principal, oidc.GroupsClaim, oidc.GroupMapping);
                if (identity is null)
                {
                    context.Fail("The identity provider sent no issuer, subject or email.");
                    return;
                }

                var directory = context.HttpContext.RequestServices.GetRequiredService<UserDirectory>();
                try
                {
                    var user = await directory.ProvisionExternalAsync(OidcOptions.Scheme, identity, oidc.GroupMapping.Enabled, context.HttpContext.RequestAborted);
                    context.Principal = Principals.ForUser(user, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
                }
                catch (AccountException e)
                {
                    context.Fail(e.Message);
                }
            };
            options.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/?signin=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
}
