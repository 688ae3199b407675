using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace KnowledgeBase.Cli.Bench;

/// <summary>How `kb bench load` asks: one question, its milestones written into the timing.</summary>
internal interface ILoadAsker : IAsyncDisposable
{
    Task AskAsync(string question, AnswerTiming timing, CancellationToken cancellationToken);
}

/// <summary>Reads the app's answer events (retrieval, token…, done or error) into a timing, for every transport.</summary>
internal static class AnswerEvents
{
    public static void Observe(AnswerTiming timing, long started, string? type)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        switch (type)
        {
            case "retrieval":
                timing.FirstCitationMs ??= elapsed;
                break;
            case "token":
                timing.FirstTokenMs ??= elapsed;
                break;
            case "done":
                timing.DoneMs = elapsed;
                break;
            case "error":
                timing.Error = "error_event";
                break;
        }
    }

    public static void Failed(AnswerTiming timing, Exception e) => timing.Error ??= e switch
    {
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => "rate_limited",
        HttpRequestException { StatusCode: not null } => "http",
        OperationCanceledException or TimeoutException => "timeout",
        JsonException => "protocol",
        _ => "connection",
    };

    public static void Ended(AnswerTiming timing) => timing.Error ??= timing.DoneMs is null ? "protocol" : null;
}

/// <summary>
/// The web UI's way: SignalR hub connections, one answer at a time each, as one browser tab asks. Idle
/// connections are reused; when all are busy a new one is opened (each arrival is a person).
/// </summary>
internal sealed class HubAsker(Uri baseAddress, string apiKey) : ILoadAsker
{
    private readonly ConcurrentBag<HubConnection> idle = [];
    private readonly ConcurrentBag<HubConnection> all = [];

    public int Connections => all.Count;

    /// <summary>Opens connections ahead of the run (and for the memory-per-connection figure).</summary>
    public async Task OpenAsync(int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < count; i += 50)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(50, count - i)).Select(_ => ConnectAsync(cancellationToken)));
            foreach (var connection in batch)
            {
                idle.Add(connection);
            }
        }
    }

    public async Task AskAsync(string question, AnswerTiming timing, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        HubConnection? connection = null;
        try
        {
            connection = idle.TryTake(out var reused) ? reused : await ConnectAsync(cancellationToken);
            await foreach (var e in connection.StreamAsync<JsonElement>("Ask", new { question }, cancellationToken))
            {
                AnswerEvents.Observe(timing, started, e.GetProperty("type").GetString());
            }

            AnswerEvents.Ended(timing);
        }
        catch (Exception e)
        {
            AnswerEvents.Failed(timing, e);
        }
        finally
        {
            if (connection is { State: HubConnectionState.Connected })
            {
                idle.Add(connection);
            }
        }
    }

    private async Task<HubConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/chat"), o =>
            {
                o.Headers["Authorization"] = "Bearer " + apiKey;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .Build();
        all.Add(connection);
        await connection.StartAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in all)
        {
            await connection.DisposeAsync();
        }
    }
}

/// <summary>Service clients over HTTP: `json` (POST /api/ask), `sse` (POST /api/ask/stream) or `openai` (streaming /v1/chat/completions).</summary>
internal sealed class HttpAsker(Uri baseAddress, string apiKey, string transport) : ILoadAsker
{
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(2),
        DefaultRequestHeaders = { Authorization = new("Bearer", apiKey) },
    };

    public async Task AskAsync(string question, AnswerTiming timing, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, transport switch
            {
                "json" => "/api/ask",
                "sse" => "/api/ask/stream",
                _ => "/v1/chat/completions",
            })
            {
                Content = transport == "openai"
                    ? JsonContent.Create(new { model = "kb", stream = true, messages = new[] { new { role = "user", content = question } } })
                    : JsonContent.Create(new { question }),
            };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException(null, null, response.StatusCode);
            }

            if (transport == "json")
            {
                var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                // Nothing streams: every milestone is the response.
                foreach (var type in new[] { "retrieval", "token", answer.TryGetProperty("answer", out _) ? "done" : "error" })
                {
                    AnswerEvents.Observe(timing, started, type);
                }
            }
            else
            {
                await ReadStreamAsync(response, timing, started, cancellationToken);
            }

            AnswerEvents.Ended(timing);
        }
        catch (Exception e)
        {
            AnswerEvents.Failed(timing, e);
        }
    }

    private async Task ReadStreamAsync(HttpResponseMessage response, AnswerTiming timing, long started, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (transport == "sse" && line.StartsWith("event: ", StringComparison.Ordinal))
            {
                AnswerEvents.Observe(timing, started, line[7..]);
            }
            else if (transport == "openai" && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                // The OpenAI stream has no retrieval event: the first chunk with content is the first token.
                if (line == "data: [DONE]")
                {
                    AnswerEvents.Observe(timing, started, "done");
                }
                else if (line.Contains("\"content\":\"", StringComparison.Ordinal) && !line.Contains("\"content\":\"\"", StringComparison.Ordinal))
                {
                    AnswerEvents.Observe(timing, started, "token");
                }
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
