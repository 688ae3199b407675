using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
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
/// share and report only the latency our side adds. <c>GET /bench/stats</c> returns those timings and
/// the CPU time of the process it runs in. It has no faults: the tests' fault-injecting server lives
/// with the tests (the CLI cannot reference test code).
/// </summary>
internal sealed partial class ScriptedChatServer : IAsyncDisposable
{
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    private readonly WebApplication app;
    private readonly TimeSpan firstToken;
    private readonly TimeSpan interval;
    private readonly string[] tokens;

    /// <summary>The SSE chunks of the scripted answer, serialized once per model name: a real provider's own cost is not what we measure.</summary>
    private readonly ConcurrentDictionary<string, byte[][]> chunks = new();

    /// <summary>The server's own time to first token and total, by request id (from the question "bench question N").</summary>
    private readonly ConcurrentDictionary<int, (double FirstTokenMs, double TotalMs)> timings = new();

    private ScriptedChatServer(WebApplication app, TimeSpan firstToken, TimeSpan interval, int tokenCount)
    {
        this.app = app;
        this.firstToken = firstToken;
        this.interval = interval;
        tokens = Enumerable.Range(0, tokenCount).Select(i => i == tokenCount - 1 ? " [1]." : i % 7 == 6 ? " [2]" : $" word{i}").ToArray();
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<ScriptedChatServer> StartAsync(TimeSpan firstToken, TimeSpan interval, int tokenCount)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ScriptedChatServer(app, firstToken, interval, tokenCount);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        app.MapGet("/bench/stats", () => new ScriptedServerStats(
            Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
            server.timings.Select(t => new[] { t.Key, t.Value.FirstTokenMs, t.Value.TotalMs }).ToList()));
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
        var script = chunks.GetOrAdd(body.GetProperty("model").GetString() ?? string.Empty, Script);

        http.Response.ContentType = "text/event-stream";
        await WriteAsync(http, script[0]);
        await WaitUntilAsync(started, firstToken, http.RequestAborted);
        double first = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i > 0)
            {
                await WaitUntilAsync(started, firstToken + (interval * i), http.RequestAborted);
            }

            await WriteAsync(http, script[i + 1]);
            if (i == 0)
            {
                first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        await http.Response.Body.WriteAsync(script[^1], http.RequestAborted);
        await WriteAsync(http, Done);
        timings[id] = (first, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>The role chunk, one chunk per token, then the usage chunk.</summary>
    private byte[][] Script(string model)
    {
        static byte[] Sse(object chunk) => Encoding.UTF8.GetBytes("data: " + JsonSerializer.Serialize(chunk) + "\n\n");
        object Delta(object delta) => new { id = "bench", @object = "chat.completion.chunk", created = 0, model, choices = new[] { new { index = 0, delta, finish_reason = (string?)null } } };
        var usage = new { id = "bench", @object = "chat.completion.chunk", created = 0, model, choices = Array.Empty<object>(), usage = new { prompt_tokens = 1000, completion_tokens = tokens.Length, total_tokens = 1000 + tokens.Length } };
        return [Sse(Delta(new { role = "assistant", content = string.Empty })), .. tokens.Select(t => Sse(Delta(new { content = t }))), Sse(usage)];
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

    private static async Task WriteAsync(HttpContext http, byte[] chunk)
    {
        await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
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

/// <summary>What <c>GET /bench/stats</c> returns: the server process's CPU time so far and, per request, [id, first token ms, total ms].</summary>
internal sealed record ScriptedServerStats(double CpuMs, List<double[]> Timings);
