using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Identity;

/// <summary>
/// With an identity provider configured (a local stand-in serving its discovery document), the
/// providers endpoint offers it and the login URL starts the authorization code flow with PKCE.
/// </summary>
public sealed class OidcTests : IAsyncLifetime
{
    private WebApplication provider = null!;
    private TestDatabase database = null!;
    private KnowledgeBaseApp app = null!;
    private string authority = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        provider = builder.Build();
        provider.MapGet("/.well-known/openid-configuration", (HttpContext http) =>
        {
            var issuer = $"{http.Request.Scheme}://{http.Request.Host}";
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = $"{issuer}/authorize",
                ["token_endpoint"] = $"{issuer}/token",
                ["userinfo_endpoint"] = $"{issuer}/userinfo",
                ["jwks_uri"] = $"{issuer}/jwks",
                ["response_types_supported"] = new[] { "code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            });
        });
        provider.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
        await provider.StartAsync();
        authority = provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        database = await TestDatabase.CreateAsync();
        app = new KnowledgeBaseApp(database.ConnectionString, new Dictionary<string, string>
        {
            ["Oidc:Authority"] = authority,
            ["Oidc:ClientId"] = "knowledge-base",
            ["Oidc:ClientSecret"] = "secret",
            ["Oidc:DisplayName"] = "Contoso SSO",
            ["Oidc:RequireHttpsMetadata"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await database.DisposeAsync();
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task The_provider_is_offered_and_its_login_url_redirects_to_the_authorization_endpoint_with_pkce()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };

        var providers = await http.GetFromJsonAsync<JsonElement>("/api/auth/providers");
        var loginUrl = providers.GetProperty("oidc").GetProperty("loginUrl").GetString()!;
        var challenge = await http.GetAsync(loginUrl + "?returnUrl=/conversations");
        var location = challenge.Headers.Location!.ToString();

        Assert.Equal("Contoso SSO", providers.GetProperty("oidc").GetProperty("displayName").GetString());
        Assert.True(providers.GetProperty("password").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith($"{authority}/authorize?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=knowledge-base", location, StringComparison.Ordinal);
        Assert.Contains("response_type=code", location, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", location, StringComparison.Ordinal);
    }
}
