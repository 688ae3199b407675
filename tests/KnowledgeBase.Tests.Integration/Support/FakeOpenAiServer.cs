using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>
/// A real HTTP server speaking the OpenAI embeddings wire protocol (POST /v1/embeddings, float or
/// base64 encoding) with deterministic vectors: the same text always gets the same unit vector.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeOpenAiServer(WebApplication app) => this.app = app;

    public ConcurrentQueue<(string? Authorization, JsonElement Body)> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/embeddings", async (HttpContext http) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
            server.Requests.Enqueue((http.Request.Headers.Authorization.ToString(), body));
            var inputs = body.GetProperty("input") is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Select(i => i.GetString()!).ToList()
                : [body.GetProperty("input").GetString()!];
            var dimensions = body.TryGetProperty("dimensions", out var d) ? d.GetInt32() : 1536;
            var base64 = body.TryGetProperty("encoding_format", out var f) && f.GetString() == "base64";
            var data = inputs.Select((text, i) =>
            {
                var vector = VectorFor(text, dimensions);
                object embedding = base64 ? Convert.ToBase64String(vector.SelectMany(BitConverter.GetBytes).ToArray()) : vector;
                return new { @object = "embedding", index = i, embedding };
            }).ToList();
            var tokens = inputs.Sum(t => t.Split(' ').Length);
            return Results.Json(new { @object = "list", data, model = body.GetProperty("model").GetString(), usage = new { prompt_tokens = tokens, total_tokens = tokens } });
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1/");
        return server;
    }

    public static float[] VectorFor(string text, int dimensions)
    {
        var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0));
        var vector = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return vector.Select(x => x / norm).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
