using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>One request as the fake Langfuse received it.</summary>
public sealed record LangfuseRequest(string Path, IReadOnlyDictionary<string, string> Headers, string? ContentType, byte[] Body);

/// <summary>
/// A real HTTP server standing in for Langfuse: its OTLP/HTTP traces endpoint and its public scores API,
/// recording every request; the first <see cref="FailScores"/> score requests get a 503.
/// </summary>
public sealed class FakeLangfuse : IAsyncDisposable
{
    private readonly WebApplication app;
    private int scoreRequests;

    private FakeLangfuse(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<LangfuseRequest> Requests { get; } = new();

    public int FailScores { get; set; }

    public IEnumerable<LangfuseRequest> Traces => Requests.Where(r => r.Path == "/api/public/otel/v1/traces");

    public IEnumerable<LangfuseRequest> Scores => Requests.Where(r => r.Path == "/api/public/scores");

    public static async Task<FakeLangfuse> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeLangfuse(app);
        app.MapPost("/api/public/otel/v1/traces", async http =>
        {
            await fake.RecordAsync(http);
            http.Response.ContentType = "application/x-protobuf";
        });
        app.MapPost("/api/public/scores", async http =>
        {
            await fake.RecordAsync(http);
            if (Interlocked.Increment(ref fake.scoreRequests) <= fake.FailScores)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            await http.Response.WriteAsJsonAsync(new { id = "score" });
        });
        await app.StartAsync();
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    private async Task RecordAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new LangfuseRequest(http.Request.Path, headers, http.Request.ContentType, body.ToArray()));
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
