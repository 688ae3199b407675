using System.Net;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Security;

/// <summary>Security headers on the web UI and the API, and the Origin check that protects cookie-authenticated hub connections.</summary>
[Collection(SharedApp.Name)]
public sealed class SecurityHeadersTests(AppFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/api/auth/providers")]
    [InlineData("/api/no-such-thing")]
    public async Task Every_response_carries_the_content_security_policy_and_friends(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.App.BaseAddress };

        using var response = await http.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is for Production only");
    }

    [Fact]
    public async Task A_hub_connection_from_another_origin_is_refused_and_the_own_origin_is_accepted()
    {
        using var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);

        async Task<HttpStatusCode> NegotiateAsync(string? origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            using var response = await employee.Http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync("https://evil.example"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(fixture.App.BaseAddress.GetLeftPart(UriPartial.Authority)));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(null));
    }

    [Fact]
    public async Task In_production_behind_a_tls_proxy_responses_carry_hsts_and_the_sign_in_cookie_is_secure()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var production = new KnowledgeBaseApp(database.ConnectionString, environment: "Production");
        await production.AddUserAsync("prod@headers.example", AppFixture.Password, Infrastructure.Identity.Roles.Employee);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = production.BaseAddress };
        // As a TLS-terminating proxy on this machine would send it (HSTS is never sent to localhost names).
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        http.DefaultRequestHeaders.Add("X-Forwarded-Host", "kb.headers.example");

        using var live = await http.GetAsync("/health/live");
        using var login = await http.PostAsync("/api/auth/login", System.Net.Http.Json.JsonContent.Create(new { email = "prod@headers.example", password = AppFixture.Password }));

        Assert.Contains("max-age=", live.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("kb.auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }
}
