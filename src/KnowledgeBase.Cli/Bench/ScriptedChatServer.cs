using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Cli.Bench;

/// <summary>
/// Bench-only: an OpenAI-compatible chat server on loopback that streams a fixed answer on a fixed
/// schedule (first token after <c>firstToken</c>, then one token every <c>interval</c>) and records,
/// per request, its own time to first token and total, so `kb bench ask` can subtract the server's
/// share and report only the latency our side adds. It has no faults: the tests' fault-injecting
/// server lives with the tests (the CLI cannot reference test code).
/// </summary>
internal sealed partial class ScriptedChatServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TimeSpan firstToken;
    private readonly TimeSpan interval;
    private readonly string[] tokens;

    private ScriptedChatServer(WebApplication app, TimeSpan firstToken, TimeSpan interval, int tokenCount)
    {
        this.app = app;
        this.firstToken = firstToken;
        this.interval = interval;
        tokens = Enumerable.Range(0, tokenCount).Select(i => i == tokenCount - 1 ? " [1]." : i % 7 == 6 ? " [2]" : $" word{i}").ToArray();
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The server's own time to first token and total, by request id (from the question "bench question N").</summary>
    public ConcurrentDictionary<int, (double FirstTokenMs, double TotalMs)> Timings { get; } = new();

    public static async Task<ScriptedChatServer> StartAsync(TimeSpan firstToken, TimeSpan interval, int tokenCount)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedChatServer(app, firstToken, interval, tokenCount);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1/");
        return server;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, cancellationToken: http.RequestAborted);
        var last = body.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString() ?? string.Empty;
        var id = RequestId().Match(last) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
        var model = body.GetProperty("model").GetString();

        http.Response.ContentType = "text/event-stream";
        await WriteAsync(http, new { id = "bench", @object = "chat.completion.chunk", created = 0, model, choices = new[] { new { index = 0, delta = (object)new { role = "assistant", content = string.Empty }, finish_reason = (string?)null } } });
        await WaitUntilAsync(started, firstToken, http.RequestAborted);
        double first = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i > 0)
            {
                await WaitUntilAsync(started, firstToken + (interval * i), http.RequestAborted);
            }

            await WriteAsync(http, new { id = "bench", @object = "chat.completion.chunk", created = 0, model, choices = new[] { new { index = 0, delta = (object)new { content = tokens[i] }, finish_reason = (string?)null } } });
            if (i == 0)
            {
                first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        await WriteAsync(http, new { id = "bench", @object = "chat.completion.chunk", created = 0, model, choices = Array.Empty<object>(), usage = new { prompt_tokens = 1000, completion_tokens = tokens.Length, total_tokens = 1000 + tokens.Length } });
        await http.Response.WriteAsync("data: [DONE]\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        Timings[id] = (first, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Waits until an offset from the start, not for a fixed time: sleeps overshoot, and the schedule must not drift.</summary>
    private static async Task WaitUntilAsync(long started, TimeSpan offset, CancellationToken cancellationToken)
    {
        var left = offset - Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellationToken);
        }
    }

    private static async Task WriteAsync(HttpContext http, object chunk)
    {
        await http.Response.WriteAsync("data: " + JsonSerializer.Serialize(chunk) + "\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    [GeneratedRegex(@"bench question (\d+)")]
    private static partial Regex RequestId();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
