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

/// <summary>What the fake chat server does with a request.</summary>
public enum ChatFault
{
    None,

    /// <summary>429 with a Retry-After header.</summary>
    TooManyRequests,

    /// <summary>503 with a JSON error body.</summary>
    Unavailable,

    /// <summary>Headers at once, then nothing for <see cref="FakeChatServer.Delay"/> before the first token.</summary>
    SlowFirstToken,

    /// <summary>A few tokens, then silence for <see cref="FakeChatServer.Delay"/>.</summary>
    StallMidStream,

    /// <summary>A few tokens, then a chunk that is not JSON.</summary>
    MalformedChunk,

    /// <summary>A few tokens, then the connection is aborted.</summary>
    ConnectionReset,
}

/// <summary>One request as the fake saw it: the model asked for and its number among that model's requests (1-based).</summary>
public sealed record ChatCall(string Model, int Number, JsonElement Body);

/// <summary>
/// A real HTTP server speaking the OpenAI chat completions wire protocol: POST /v1/chat/completions,
/// streamed as server-sent events (usage in the final chunk, then [DONE]) or as one JSON answer, with
/// faults injected per request by <see cref="Behaviour"/>.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> counts = new();
    private int streaming;

    private FakeChatServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Decides each request's fault; default: none.</summary>
    public Func<ChatCall, ChatFault> Behaviour { get; set; } = _ => ChatFault.None;

    /// <summary>The answer streamed for a model (split into word-sized chunks).</summary>
    public Func<string, string> Answer { get; set; } = DefaultAnswer;

    /// <summary>When set, the answer to a request (e.g. one that reads the prompt); otherwise <see cref="Answer"/> for its model.</summary>
    public Func<ChatCall, string>? Respond { get; set; }

    /// <summary>How an answer is cut into streamed chunks (default: word-sized pieces).</summary>
    public Func<string, IEnumerable<string>> Split { get; set; } = Core.Answering.StreamingText.Pieces;

    /// <summary>How long slow and stalled responses wait (they also end when the client goes away).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(30);

    public int RetryAfterSeconds { get; set; }

    /// <summary>Pause before each streamed token, so answers stay in flight for a while or a test can stop one mid-stream (zero: as fast as possible).</summary>
    public TimeSpan TokenDelay { get; set; }

    public ConcurrentQueue<ChatCall> Calls { get; } = new();

    /// <summary>Requests whose client went away before the response ended (e.g. a cancelled answer).</summary>
    public ConcurrentQueue<ChatCall> Aborted { get; } = new();

    public int CallsTo(string model) => Calls.Count(c => c.Model == model);

    /// <summary>Streamed answers being written right now.</summary>
    public int Streaming => streaming;

    public static string DefaultAnswer(string model) => $"Answer from {model}: the FlexFit allowance is 600 EUR per year [1]. A claim citing nothing real [9].";

    public void Reset(Func<ChatCall, ChatFault>? behaviour = null)
    {
        Behaviour = behaviour ?? (_ => ChatFault.None);
        Answer = DefaultAnswer;
        Respond = null;
        Split = Core.Answering.StreamingText.Pieces;
        TokenDelay = TimeSpan.Zero;
        counts.Clear();
        Calls.Clear();
        Aborted.Clear();
    }

    /// <summary>
    /// Settings for an app answering through this server: primary model-a (priced), fallback model-b, timeouts short
    /// so faults resolve fast, no breaker (apps that test it set their own) and no rate limit in a test's way.
    /// </summary>
    public Dictionary<string, string> ChainSettings() => new()
    {
        ["Llm:Providers:0:Name"] = "primary",
        ["Llm:Providers:0:Model"] = "model-a",
        ["Llm:Providers:0:Endpoint"] = BaseAddress.ToString(),
        ["Llm:Providers:0:ApiKey"] = "key-a",
        ["Llm:Providers:1:Name"] = "secondary",
        ["Llm:Providers:1:Model"] = "model-b",
        ["Llm:Providers:1:Endpoint"] = BaseAddress.ToString(),
        ["Llm:Pricing:model-a:InputPerMillion"] = "1000",
        ["Llm:Pricing:model-a:OutputPerMillion"] = "2000",
        ["Llm:Resilience:FirstTokenSeconds"] = "1",
        ["Llm:Resilience:IdleSeconds"] = "1",
        ["Llm:Resilience:TotalSeconds"] = "10",
        ["Llm:Resilience:BreakerMinimumThroughput"] = "10000",
        ["Llm:Resilience:BreakerConsecutiveFailures"] = "10000",
        ["RateLimits:AskBurst"] = "1000",
        ["RateLimits:AskPerMinute"] = "1000",
    };

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        // Azure OpenAI's deployment route, same protocol.
        app.MapPost("/openai/deployments/{deployment}/chat/completions", server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1/");
        return server;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body);
        var model = body.TryGetProperty("model", out var m) ? m.GetString() ?? "unknown" : (string)http.Request.RouteValues["deployment"]!;
        var call = new ChatCall(model, counts.AddOrUpdate(model, 1, (_, n) => n + 1), body);
        Calls.Enqueue(call);
        var fault = Behaviour(call);
        var aborted = http.RequestAborted;
        try
        {
            switch (fault)
            {
                case ChatFault.TooManyRequests:
                    http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await Error(http, StatusCodes.Status429TooManyRequests, "rate_limit_exceeded", "Rate limit reached.");
                    return;
                case ChatFault.Unavailable:
                    await Error(http, StatusCodes.Status503ServiceUnavailable, "server_error", "The server is overloaded.");
                    return;
            }

            var text = Respond?.Invoke(call) ?? Answer(model);
            var pieces = Split(text).ToList();
            var promptTokens = body.GetProperty("messages").EnumerateArray().Sum(e => (e.GetProperty("content").GetString() ?? string.Empty).Split(' ').Length);
            // As OpenAI reports it, including the share of the prompt served from its prompt cache.
            var usage = new { prompt_tokens = promptTokens, completion_tokens = pieces.Count, total_tokens = promptTokens + pieces.Count, prompt_tokens_details = new { cached_tokens = promptTokens / 2 } };
            if (!(body.TryGetProperty("stream", out var stream) && stream.GetBoolean()))
            {
                await http.Response.WriteAsJsonAsync(new
                {
                    id = "chatcmpl-fake",
                    @object = "chat.completion",
                    created = 1_700_000_000,
                    model,
                    choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
                    usage,
                }, aborted);
                return;
            }

            http.Response.ContentType = "text/event-stream";
            Interlocked.Increment(ref streaming);
            using var streamed = new Streamed(this);
            await Chunk(http, model, new { role = "assistant", content = string.Empty }, null);
            if (fault == ChatFault.SlowFirstToken)
            {
                await Task.Delay(Delay, aborted);
            }

            for (var i = 0; i < pieces.Count; i++)
            {
                if (i == 3)
                {
                    switch (fault)
                    {
                        case ChatFault.StallMidStream:
                            await Task.Delay(Delay, aborted);
                            break;
                        case ChatFault.MalformedChunk:
                            await http.Response.WriteAsync("data: {\"id\":\"chatcmpl-fake\",\"choices\":[{\"delta\":{\"content\":\"bro\n\n", aborted);
                            await http.Response.Body.FlushAsync(aborted);
                            return;
                        case ChatFault.ConnectionReset:
                            // Give the tokens sent so far time to be read: a reset discards unread bytes.
                            await Task.Delay(200, aborted);
                            http.Abort();
                            return;
                    }
                }

                if (TokenDelay > TimeSpan.Zero)
                {
                    await Task.Delay(TokenDelay, aborted);
                }

                await Chunk(http, model, new { content = pieces[i] }, null);
            }

            await Chunk(http, model, new { }, "stop");
            await Data(http, JsonSerializer.Serialize(new { id = "chatcmpl-fake", @object = "chat.completion.chunk", created = 1_700_000_000, model, choices = Array.Empty<object>(), usage }));
            await Data(http, "[DONE]");
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            Aborted.Enqueue(call);
        }
    }

    private sealed class Streamed(FakeChatServer server) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref server.streaming);
    }

    private static Task Chunk(HttpContext http, string model, object delta, string? finish) =>
        Data(http, JsonSerializer.Serialize(new
        {
            id = "chatcmpl-fake",
            @object = "chat.completion.chunk",
            created = 1_700_000_000,
            model,
            choices = new[] { new { index = 0, delta, finish_reason = finish } },
        }));

    private static async Task Data(HttpContext http, string data)
    {
        await http.Response.WriteAsync($"data: {data}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static async Task Error(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(new { error = new { message, type = code, code } });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
