using System.Net;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Telemetry;

public sealed class TelemetryStartupTests
{
    [Fact]
    public async Task Metrics_in_production_are_refused_to_proxied_requests_without_the_scrape_token()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new KnowledgeBaseApp(database.ConnectionString, new Dictionary<string, string>
        {
            ["Identity:SecureCookies"] = "SameAsRequest",
            ["Telemetry:Metrics:ScrapeToken"] = "scrape-token-1",
        }, environment: "Production");
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        async Task<HttpStatusCode> Scrape(string? forwardedFor = null, string? token = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }

            if (token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }

        // Straight from this machine (loopback): a local Prometheus or sidecar.
        Assert.Equal(HttpStatusCode.OK, await Scrape());
        // Through a proxy every visitor would look local: refused, and as if there were nothing there.
        Assert.Equal(HttpStatusCode.NotFound, await Scrape(forwardedFor: "203.0.113.9"));
        Assert.Equal(HttpStatusCode.NotFound, await Scrape(forwardedFor: "203.0.113.9", token: "wrong"));
        Assert.Equal(HttpStatusCode.OK, await Scrape(forwardedFor: "203.0.113.9", token: "scrape-token-1"));
    }

    [Fact]
    public void A_half_configured_langfuse_stops_start_up_naming_the_missing_setting()
    {
        var failure = Assert.ThrowsAny<Exception>(() => new KnowledgeBaseApp("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none", new Dictionary<string, string>
        {
            ["Langfuse:BaseUrl"] = "https://cloud.langfuse.com",
            ["Langfuse:PublicKey"] = "pk-lf-1",
        }).Dispose());
        var message = failure.ToString();
        Assert.Contains("Langfuse:SecretKey", message, StringComparison.Ordinal);
        Assert.Contains("partly configured", message, StringComparison.Ordinal);
    }
}
