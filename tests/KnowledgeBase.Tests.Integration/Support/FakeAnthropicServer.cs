using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>One Messages request as the fake saw it, with the API key it carried and the usage the fake reported.</summary>
public sealed record AnthropicCall(JsonElement Body, string? ApiKey, int InputTokens, int CacheReadTokens, int CacheWriteTokens, int OutputTokens);

/// <summary>
/// A real HTTP server speaking Anthropic's Messages streaming protocol (POST /v1/messages with stream: true):
/// message_start (usage), content_block_start, ping, content_block_delta per word, content_block_stop,
/// message_delta (stop reason, output usage), message_stop. It models the prompt cache: a system block marked
/// cache_control is written to the cache the first time (cache_creation_input_tokens) and read from it after
/// (cache_read_input_tokens); one word counts as one token.
/// </summary>
public sealed class FakeAnthropicServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, bool> cachedPrefixes = new();

    private FakeAnthropicServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public string Answer { get; set; } = DefaultAnswer;

    /// <summary>When set, every request gets this HTTP status and an Anthropic error body (e.g. 529 overloaded).</summary>
    public int? FailWith { get; set; }

    public ConcurrentQueue<AnthropicCall> Calls { get; } = new();

    public const string DefaultAnswer = "Claude says: the FlexFit allowance is 600 EUR per year [1].";

    public void Reset()
    {
        Answer = DefaultAnswer;
        FailWith = null;
        Calls.Clear();
        cachedPrefixes.Clear();
    }

    public static async Task<FakeAnthropicServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeAnthropicServer(app);
        app.MapPost("/v1/messages", server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
        if (FailWith is { } status)
        {
            Calls.Enqueue(new AnthropicCall(body, ApiKey(http), 0, 0, 0, 0));
            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(new { type = "error", error = new { type = "overloaded_error", message = "Overloaded" } });
            return;
        }

        var (cacheable, plain) = Prompt(body);
        var read = cacheable > 0 && !cachedPrefixes.TryAdd(body.GetProperty("system").GetRawText(), true) ? cacheable : 0;
        var written = cacheable - read;
        var words = Answer.Split(' ');
        Calls.Enqueue(new AnthropicCall(body, ApiKey(http), plain, read, written, words.Length));
        var model = body.GetProperty("model").GetString();

        http.Response.ContentType = "text/event-stream";
        await Event(http, "message_start", new
        {
            type = "message_start",
            message = new
            {
                id = "msg_fake",
                type = "message",
                role = "assistant",
                model,
                content = Array.Empty<object>(),
                stop_reason = (string?)null,
                stop_sequence = (string?)null,
                usage = new { input_tokens = plain, cache_creation_input_tokens = written, cache_read_input_tokens = read, output_tokens = 1 },
            },
        });
        await Event(http, "content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = string.Empty } });
        await Event(http, "ping", new { type = "ping" });
        for (var i = 0; i < words.Length; i++)
        {
            var text = i == 0 ? words[i] : " " + words[i];
            await Event(http, "content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text } });
        }

        await Event(http, "content_block_stop", new { type = "content_block_stop", index = 0 });
        await Event(http, "message_delta", new { type = "message_delta", delta = new { stop_reason = "end_turn", stop_sequence = (string?)null }, usage = new { output_tokens = words.Length } });
        await Event(http, "message_stop", new { type = "message_stop" });
    }

    /// <summary>The key as the SDK sends it: x-api-key, or (SDK 13) Authorization: Bearer.</summary>
    private static string? ApiKey(HttpContext http) =>
        http.Request.Headers["x-api-key"].FirstOrDefault() ?? http.Request.Headers.Authorization.FirstOrDefault()?.Replace("Bearer ", string.Empty, StringComparison.Ordinal);

    /// <summary>Words in system blocks up to the last cache_control breakpoint, and all other words.</summary>
    private static (int Cacheable, int Plain) Prompt(JsonElement body)
    {
        static int Words(string? text) => (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var system = body.TryGetProperty("system", out var s) && s.ValueKind == JsonValueKind.Array ? s.EnumerateArray().ToList() : [];
        var breakpoint = system.FindLastIndex(b => b.TryGetProperty("cache_control", out _));
        var cacheable = system.Take(breakpoint + 1).Sum(b => Words(b.GetProperty("text").GetString()));
        var plain = system.Skip(breakpoint + 1).Sum(b => Words(b.GetProperty("text").GetString()))
            + body.GetProperty("messages").EnumerateArray().Sum(m => m.GetProperty("content") is { ValueKind: JsonValueKind.String } c
                ? Words(c.GetString())
                : m.GetProperty("content").EnumerateArray().Sum(b => Words(b.GetProperty("text").GetString())));
        return (cacheable, plain);
    }

    private static async Task Event(HttpContext http, string name, object data)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data)}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
