using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace KnowledgeBase.Tests.Integration.Resilience;

/// <summary>
/// Chaos: the database stops for a few seconds while questions (JSON, SSE, hub, OpenAI-compatible, with a cookie
/// or an API key) and uploads are in flight and keep arriving, then comes back. Nothing answers 500; every request
/// completes or gets a 503 / an error event with Retry-After; no finished answer is lost; every question ends with
/// a terminal row; the app recovers without a restart.
/// </summary>
public sealed class DatabaseOutageTests(OutageFixture fixture, ITestOutputHelper output) : IClassFixture<OutageFixture>
{
    private const string Question = "How much is the FlexFit allowance?";

    private enum Kind
    {
        Completed,
        Unavailable,
        Bad,
    }

    /// <summary>How one request ended; <c>Deferred</c>: a finished answer the database could not store at the time.</summary>
    private sealed record Outcome(string Transport, Kind Kind, DateTime Started, string Detail = "", Guid? Deferred = null);

    [Fact]
    public async Task A_database_outage_under_load_gives_503s_or_error_events_never_500_and_loses_no_answer()
    {
        var app = fixture.App;
        using var employee = await app.SignInAsync(OutageFixture.Employee, OutageFixture.Password);
        using var admin = await app.SignInAsync(OutageFixture.Admin, OutageFixture.Password);
        using var key = app.ApiKeyClient(fixture.ApiKey);
        await using var hub = employee.Hub();
        await hub.StartAsync();

        var outcomes = new ConcurrentBag<Outcome>();
        using var stopLoad = new CancellationTokenSource();
        async Task LoopAsync(string transport, Func<CancellationToken, Task<Outcome>> once, TimeSpan pause)
        {
            while (!stopLoad.IsCancellationRequested)
            {
                var started = DateTime.UtcNow;
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    outcomes.Add((await once(bound.Token)) with { Transport = transport, Started = started });
                }
                catch (Exception e)
                {
                    outcomes.Add(new Outcome(transport, Kind.Bad, started, e.ToString()));
                }

                await Task.Delay(pause, CancellationToken.None);
            }
        }

        var pause = TimeSpan.FromMilliseconds(50);
        var load = new[]
        {
            LoopAsync("json (cookie)", ct => AskJsonAsync(employee.Http, ct), pause),
            LoopAsync("json (api key)", ct => AskJsonAsync(key, ct), pause),
            LoopAsync("sse (cookie)", ct => AskSseAsync(employee.Http, ct), pause),
            LoopAsync("sse (api key)", ct => AskSseAsync(key, ct), pause),
            LoopAsync("hub (cookie)", ct => AskHubAsync(hub, ct), pause),
            LoopAsync("v1 (api key)", ct => CompleteAsync(key, stream: false, ct), pause),
            LoopAsync("v1 stream (api key)", ct => CompleteAsync(key, stream: true, ct), pause),
            LoopAsync("upload (cookie)", ct => UploadAsync(admin.Http, ct), TimeSpan.FromMilliseconds(400)),
        };

        // Warm (a busy machine makes the first requests slow), then stop the database while answers are being written.
        await WaitForAsync(() => Task.FromResult(outcomes.Where(o => o.Kind == Kind.Completed).Select(o => o.Transport).Distinct().Count() == load.Length), "every transport completed once");
        await WaitForAsync(() => Task.FromResult(fixture.Server.Streaming >= 3), "answers are being streamed");
        var stopped = DateTime.UtcNow;
        await fixture.Cluster.StopAsync();
        output.WriteLine($"stopped in {(DateTime.UtcNow - stopped).TotalSeconds:0.00} s");
        await Task.Delay(TimeSpan.FromSeconds(4));
        await fixture.Cluster.StartAgainAsync();
        var ready = await WaitUntilReadyAsync(app.BaseAddress);
        // Recovered without a restart: the load goes on until every way of asking (and uploading) worked again.
        await WaitForAsync(
            () => Task.FromResult(outcomes.Where(o => o.Kind == Kind.Completed && o.Started > ready).Select(o => o.Transport).Distinct().Count() == load.Length),
            "every transport completed a request after the database came back");
        await stopLoad.CancelAsync();
        await Task.WhenAll(load);

        var all = outcomes.OrderBy(o => o.Started).ToList();
        foreach (var transport in all.GroupBy(o => o.Transport))
        {
            output.WriteLine($"{transport.Key}: " + string.Join(", ", transport.GroupBy(o => o.Kind).Select(k => $"{k.Count()} {k.Key}")));
        }

        foreach (var o in all)
        {
            output.WriteLine($"{(o.Started - stopped).TotalSeconds,6:0.00} s after the stop: {o.Transport} {o.Kind} {o.Detail[..Math.Min(o.Detail.Length, 200)]}");
        }

        var bad = all.Where(o => o.Kind == Kind.Bad).ToList();
        Assert.True(bad.Count == 0, $"{bad.Count} of {all.Count} requests ended badly:\n" + string.Join("\n---\n", bad.Take(5).Select(o => $"{o.Transport}: {o.Detail}")));
        Assert.Contains(all, o => o.Kind == Kind.Unavailable);

        // Answers finished while the database was down reached their clients, and are stored now, tokens and all
        // (from memory or, once their one in-memory retry failed, from the spool: which one depends on timing).
        var deferred = all.Where(o => o.Deferred is not null).Select(o => o.Deferred!.Value).ToList();
        Assert.NotEmpty(deferred);
        await WaitForAsync(async () => await fixture.Database.ScalarAsync<long>($"""
            SELECT count(DISTINCT conversation_id) FROM messages
            WHERE role = 'assistant' AND status = 'completed' AND output_tokens > 0
              AND conversation_id IN ({string.Join(',', deferred.Select(id => $"'{id}'"))})
            """) == deferred.Distinct().Count(), "every deferred answer is stored");

        await WaitForAsync(() => Task.FromResult(!Directory.Exists(app.SpoolDirectory) || Directory.GetFiles(app.SpoolDirectory).Length == 0), "nothing is left in the spool");

        // Every question ends with a terminal row (completed, failed or cancelled).
        await WaitForAsync(async () => await fixture.Database.ScalarAsync<long>("""
            SELECT count(*) FROM messages q
            WHERE q.role = 'user' AND NOT EXISTS (SELECT 1 FROM messages a WHERE a.reply_to_id = q.id)
            """) == 0, "every question has an answer row");
    }

    [Fact]
    public async Task An_app_started_while_the_database_is_down_serves_503s_then_gets_ready_and_closes_abandoned_questions()
    {
        // A question whose process died before answering, five minutes ago (the running app's own sweep waits 15 minutes).
        var question = Guid.NewGuid();
        await fixture.Database.ScalarAsync<int>($$"""
            WITH c AS (
                INSERT INTO conversations (id, user_id, user_name, title, created_at, updated_at)
                VALUES (gen_random_uuid(), 'abandoned-user', 'abandoned@test.example', 'Abandoned', now() - interval '5 minutes', now() - interval '5 minutes')
                RETURNING id)
            INSERT INTO messages (id, conversation_id, user_id, role, text, citations, cited_numbers, fallback_used, truncated, input_tokens, output_tokens, cost, latency_ms, status, created_at)
            SELECT '{{question}}', c.id, 'abandoned-user', 'user', 'Is there a gym?', '[]', '{}', false, false, 0, 0, 0, 0, 'completed', now() - interval '5 minutes' FROM c
            RETURNING 1
            """);

        await fixture.Cluster.StopAsync();
        KnowledgeBaseApp late;
        try
        {
            late = new KnowledgeBaseApp(fixture.Database.ConnectionString, fixture.Settings(
                ("Startup:MigrateDatabase", "true"), ("Workers:Enabled", "false"), ("AnswerRecovery:UnansweredAfterSeconds", "60")));
            using var http = new HttpClient { BaseAddress = late.BaseAddress };
            using var key = late.ApiKeyClient(fixture.ApiKey);

            // Up and serving, not ready; a question is a 503 with Retry-After, even though its API key cannot be checked.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
            var refused = await AskJsonAsync(key, CancellationToken.None);
            Assert.True(refused.Kind == Kind.Unavailable, refused.Detail);
        }
        finally
        {
            await fixture.Cluster.StartAgainAsync();
        }

        await using (late)
        {
            await WaitUntilReadyAsync(late.BaseAddress);
            using var key = late.ApiKeyClient(fixture.ApiKey);
            var answered = await AskJsonAsync(key, CancellationToken.None);
            Assert.True(answered.Kind == Kind.Completed, answered.Detail);
            await WaitForAsync(async () => await fixture.Database.ScalarAsync<long>($"""
                SELECT count(*) FROM messages
                WHERE reply_to_id = '{question}' AND role = 'assistant' AND status = 'failed' AND error LIKE 'The answer was interrupted%'
                """) == 1, "the abandoned question is closed as failed");
        }
    }

    [Fact]
    public async Task An_answer_finished_while_the_database_is_down_is_spooled_at_shutdown_and_stored_by_the_next_start()
    {
        var spool = Path.Combine(Path.GetTempPath(), $"kb-answer-spool-{Guid.NewGuid():N}");
        var settings = fixture.Settings(("AnswerRecovery:SpoolDirectory", spool), ("Workers:Enabled", "false"));
        // Slower, so the answer is surely still streaming when the database has stopped.
        fixture.Server.TokenDelay = TimeSpan.FromMilliseconds(150);
        var down = false;
        try
        {
            Guid conversation;
            await using (var first = new KnowledgeBaseApp(fixture.Database.ConnectionString, settings))
            {
                using var key = first.ApiKeyClient(fixture.ApiKey);
                var streams = fixture.Server.Streaming;
                var asking = AskSseAsync(key, CancellationToken.None);
                await WaitForAsync(() => Task.FromResult(fixture.Server.Streaming > streams || asking.IsCompleted), "the answer is being streamed");
                await fixture.Cluster.StopAsync();
                down = true;

                // The reader gets the whole answer; done has no message id because nothing could be stored.
                var answered = await asking;
                Assert.True(answered is { Kind: Kind.Completed, Deferred: not null }, $"{answered.Kind}: {answered.Detail}");
                conversation = answered.Deferred!.Value;
            }

            // A graceful stop writes what still waits in memory to disk.
            Assert.Single(Directory.GetFiles(spool, "*.json"));
            await fixture.Cluster.StartAgainAsync();
            down = false;

            await using var second = new KnowledgeBaseApp(fixture.Database.ConnectionString, settings);
            await WaitForAsync(async () => await fixture.Database.ScalarAsync<long>($"""
                SELECT count(*) FROM messages
                WHERE conversation_id = '{conversation}' AND role = 'assistant' AND status = 'completed' AND output_tokens > 0 AND text LIKE '%600 EUR%'
                """) == 1, "the spooled answer is stored by the next start");
            await WaitForAsync(() => Task.FromResult(Directory.GetFiles(spool).Length == 0), "the spool is empty");
        }
        finally
        {
            fixture.Server.TokenDelay = OutageFixture.TokenDelay;
            if (down)
            {
                await fixture.Cluster.StartAgainAsync();
            }

            if (Directory.Exists(spool))
            {
                Directory.Delete(spool, recursive: true);
            }
        }
    }

    private static async Task<Outcome> AskJsonAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/ask", new { question = Question }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Unavailable(response, body);
        }

        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Contains("600 EUR", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        return Completed(answer);
    }

    private static async Task<Outcome> AskSseAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/ask/stream", new { question = Question }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode != HttpStatusCode.OK ? Unavailable(response, body) : Ended(ChatEvents.ParseEvents(body));
    }

    private static async Task<Outcome> AskHubAsync(HubConnection hub, CancellationToken cancellationToken) =>
        Ended(await ChatEvents.AskAsync(hub, Question, cancellationToken));

    private static async Task<Outcome> CompleteAsync(HttpClient http, bool stream, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = "kb",
            stream,
            messages = new[] { new { role = "user", content = Question } },
        }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var unavailable = Unavailable(response, body);
            return unavailable.Kind == Kind.Unavailable && JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString() != "service_unavailable"
                ? unavailable with { Kind = Kind.Bad, Detail = "not OpenAI's error JSON: " + body }
                : unavailable;
        }

        if (!stream)
        {
            return new Outcome("", Kind.Completed, default);
        }

        // Whatever happened, the stream ends as OpenAI clients expect: a final chunk with finish_reason, then [DONE].
        var data = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(b => b.StartsWith("data: ", StringComparison.Ordinal)).Select(b => b[6..]).ToList();
        if (data.Count < 2 || data[^1] != "[DONE]")
        {
            return new Outcome("", Kind.Bad, default, "no [DONE]: " + body);
        }

        var chunks = data[..^1].Select(d => JsonDocument.Parse(d).RootElement).ToList();
        var final = chunks.LastOrDefault(c => c.GetProperty("choices").GetArrayLength() > 0 && c.GetProperty("choices")[0].GetProperty("finish_reason").ValueKind == JsonValueKind.String);
        if (final.ValueKind == JsonValueKind.Undefined)
        {
            return new Outcome("", Kind.Bad, default, "no finish_reason: " + body);
        }

        return !final.TryGetProperty("kb_error", out var error) ? new Outcome("", Kind.Completed, default)
            : error.GetProperty("retry_after_seconds").ValueKind == JsonValueKind.Number ? new Outcome("", Kind.Unavailable, default)
            : new Outcome("", Kind.Bad, default, "failed: " + body);
    }

    private static async Task<Outcome> UploadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"Chaos note {Guid.NewGuid()}\n\nThe canteen serves soup on Fridays."));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "files", $"chaos-{Guid.NewGuid():N}.txt");
        using var response = await http.PostAsync("/api/documents", form, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.Accepted ? new Outcome("", Kind.Completed, default) : Unavailable(response, body);
    }

    /// <summary>A 503 with Retry-After is the expected answer while the database is down; anything else is bad.</summary>
    private static Outcome Unavailable(HttpResponseMessage response, string body) =>
        response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter?.Delta == TimeSpan.FromSeconds(OutageFixture.RetryAfterSeconds)
            ? new Outcome("", Kind.Unavailable, default, body)
            : new Outcome("", Kind.Bad, default, $"{(int)response.StatusCode} (Retry-After {response.Headers.RetryAfter}): {body}");

    /// <summary>A stream must end with done, or with an error event that says when to retry.</summary>
    private static Outcome Ended(List<JsonElement> events)
    {
        var last = events.Count > 0 ? events[^1] : default;
        return last.ValueKind == JsonValueKind.Undefined ? new Outcome("", Kind.Bad, default, "no events")
            : last.Type() == "done" ? Completed(last)
            : last.Type() == "error" && last.TryGetProperty("retryAfterSeconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number
                ? new Outcome("", Kind.Unavailable, default, last.ToString())
            : new Outcome("", Kind.Bad, default, "ended with " + last);
    }

    /// <summary>Completed; a done event or JSON answer without a message id is an answer the outbox stores later.</summary>
    private static Outcome Completed(JsonElement done) =>
        new("", Kind.Completed, default, Deferred: done.GetProperty("messageId").ValueKind == JsonValueKind.Null ? done.GetProperty("conversationId").GetGuid() : null);

    private static async Task<DateTime> WaitUntilReadyAsync(Uri app)
    {
        using var http = new HttpClient { BaseAddress = app };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await http.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the app never became ready again");
            await Task.Delay(100);
        }

        return DateTime.UtcNow;
    }

    /// <summary>Bounded generously: the machine running the suite may be busy.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(200);
        }
    }
}
