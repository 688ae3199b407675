using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Telemetry;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KnowledgeBase.Tests.Integration.Caching;

/// <summary>
/// The answer cache on the real host and database: what hits (a repeat on every transport, a paraphrase), what
/// never does (a negation, another number, another scope), and what removes an entry (document changes, lost access).
/// </summary>
[Collection(CacheApp.Name)]
public sealed class AnswerCacheTests(CacheAppFixture fixture)
{
    private const string Question = "How much is the FlexFit allowance?";

    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task The_same_question_twice_is_a_hit_over_sse_with_identical_citations_and_no_model_call()
    {
        await fixture.PurgeAsync();
        using var user = await fixture.App.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);

        var first = await SseAsync(user.Http, new { question = Question });
        var calls = fixture.Server.Calls.Count;
        var second = await SseAsync(user.Http, new { question = "  how much is the flexfit ALLOWANCE " });

        Assert.False(Done(first).GetProperty("cacheHit").GetBoolean());
        Assert.Equal(calls, fixture.Server.Calls.Count);
        var done = Done(second);
        Assert.True(done.GetProperty("cacheHit").GetBoolean());
        Assert.Equal("exact", done.GetProperty("cache").GetProperty("tier").GetString());
        Assert.Equal(0, done.GetProperty("usage").GetProperty("inputTokens").GetInt32());
        Assert.Equal(0m, done.GetProperty("cost").GetDecimal());
        Assert.True(done.GetProperty("cache").GetProperty("savedCost").GetDecimal() > 0, "the hit saves what the answer cost");
        Assert.Equal("model-a", done.GetProperty("model").GetString());
        Assert.Equal(first.AnswerText(), second.AnswerText());
        Assert.Equal(first[0].GetProperty("citations").GetRawText(), second[0].GetProperty("citations").GetRawText());
        Assert.Equal(Done(first).GetProperty("citedNumbers").GetRawText(), done.GetProperty("citedNumbers").GetRawText());
        Assert.True(second.Count(e => e.Type() == "token") > 3, "a hit streams in word-sized pieces");

        // Stored like any answer (its question with it, in one commit), marked as a hit with what it saved.
        var messages = (await user.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{done.GetProperty("conversationId").GetGuid()}")).GetProperty("messages");
        Assert.Equal(["user", "assistant"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(second[0].GetProperty("questionId").GetGuid(), messages[0].GetProperty("id").GetGuid());
        Assert.Equal(second.AnswerText(), messages.EnumerateArray().Last().GetProperty("text").GetString());
        // The hit marked its entry used (the touch is committed without waiting for the disk, but committed).
        Assert.Equal(1L, await ScalarAsync("SELECT hits::bigint FROM answer_cache"));

        // Counted in the usage report: hits and what they saved, in total and per day.
        using var admin = await fixture.App.SignInAsync(CacheAppFixture.Admin, CacheAppFixture.Password);
        var usage = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/usage");
        var saved = done.GetProperty("cache").GetProperty("savedCost").GetDecimal();
        Assert.True(usage.GetProperty("totals").GetProperty("cacheHits").GetInt64() >= 1);
        Assert.True(usage.GetProperty("totals").GetProperty("costSaved").GetDecimal() >= saved);
        Assert.True(usage.GetProperty("byDay").EnumerateArray().Last().GetProperty("cacheHitRate").GetDouble() > 0);
    }

    [Fact]
    public async Task A_repeat_is_a_hit_over_the_hub_json_and_the_openai_endpoint()
    {
        await fixture.PurgeAsync();
        using var user = await fixture.App.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);
        await using var hub = user.Hub();
        await hub.StartAsync();

        var hubFirst = await ChatEvents.AskAsync(hub, "What is the yearly FlexFit allowance?", Bounded());
        var hubSecond = await ChatEvents.AskAsync(hub, "What is the yearly FlexFit allowance?", Bounded());
        Assert.False(Done(hubFirst).GetProperty("cacheHit").GetBoolean());
        Assert.True(Done(hubSecond).GetProperty("cacheHit").GetBoolean());
        Assert.Equal(hubFirst[0].GetProperty("citations").GetRawText(), hubSecond[0].GetProperty("citations").GetRawText());

        var json = await user.Http.PostAsJsonAsync("/api/ask", new { question = "Who gets the FlexFit allowance?" }, Bounded());
        var jsonAgain = await (await user.Http.PostAsJsonAsync("/api/ask", new { question = "Who gets the FlexFit allowance?" }, Bounded())).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False((await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cacheHit").GetBoolean());
        Assert.True(jsonAgain.GetProperty("cacheHit").GetBoolean());
        Assert.Equal("exact", jsonAgain.GetProperty("cache").GetProperty("tier").GetString());

        // The OpenAI-compatible endpoint, with an API key: the second call makes no model call and reports no usage.
        using var key = await fixture.KeyClientAsync();
        var body = new { messages = new[] { new { role = "user", content = "Is the FlexFit allowance paid yearly?" } } };
        var completion = await (await key.PostAsJsonAsync("/v1/chat/completions", body, Bounded())).Content.ReadFromJsonAsync<JsonElement>();
        var calls = fixture.Server.Calls.Count;
        var again = await (await key.PostAsJsonAsync("/v1/chat/completions", body, Bounded())).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(calls, fixture.Server.Calls.Count);
        Assert.Equal(0, again.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal(Content(completion), Content(again));
        Assert.Equal(completion.GetProperty("kb_citations").GetRawText(), again.GetProperty("kb_citations").GetRawText());
    }

    [Fact]
    public async Task A_paraphrase_hits_the_semantic_tier_but_a_negation_or_another_number_does_not()
    {
        await fixture.PurgeAsync();
        using var user = await fixture.App.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);
        await SseAsync(user.Http, new { question = "How much is the FlexFit allowance per year?" });
        await SseAsync(user.Http, new { question = "Is the FlexFit allowance paid in cash?" });
        await SseAsync(user.Http, new { question = "Is the FlexFit allowance 600 EUR?" });

        var paraphrase = Done(await SseAsync(user.Http, new { question = "How much is the yearly FlexFit allowance?" }));
        var negation = Done(await SseAsync(user.Http, new { question = "Is the FlexFit allowance not paid in cash?" }));
        var number = Done(await SseAsync(user.Http, new { question = "Is the FlexFit allowance 700 EUR?" }));

        Assert.True(paraphrase.GetProperty("cacheHit").GetBoolean());
        Assert.Equal("semantic", paraphrase.GetProperty("cache").GetProperty("tier").GetString());
        Assert.InRange(paraphrase.GetProperty("cache").GetProperty("similarity").GetDouble(), 0.5, 0.9999);
        Assert.False(negation.GetProperty("cacheHit").GetBoolean());
        Assert.False(number.GetProperty("cacheHit").GetBoolean());
    }

    [Fact]
    public async Task Another_users_groups_an_api_key_another_collection_or_another_model_chain_never_hit()
    {
        await fixture.PurgeAsync();
        const string parking = "Where do hr staff park?";
        using var hr = await fixture.App.SignInAsync(CacheAppFixture.HrUser, CacheAppFixture.Password);
        using var finance = await fixture.App.SignInAsync(CacheAppFixture.FinanceUser, CacheAppFixture.Password);
        using var employee = await fixture.App.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);
        using var hrKey = await fixture.KeyClientAsync("hr");
        var cached = await SseAsync(hr.Http, new { question = parking });
        Assert.Contains(cached[0].GetProperty("citations").EnumerateArray(), c => c.GetProperty("sourceName").GetString() == "parking.md");
        Assert.True(Done(await SseAsync(hr.Http, new { question = parking })).GetProperty("cacheHit").GetBoolean());

        foreach (var other in new[] { finance.Http, employee.Http, hrKey })
        {
            var events = await SseAsync(other, new { question = parking });
            Assert.False(Done(events).GetProperty("cacheHit").GetBoolean());
            if (other != hrKey)
            {
                Assert.DoesNotContain(events[0].GetProperty("citations").EnumerateArray(), c => c.GetProperty("sourceName").GetString() == "parking.md");
            }
        }

        await SseAsync(employee.Http, new { question = Question });
        Assert.False(Done(await SseAsync(employee.Http, new { question = Question, collection = "travel" })).GetProperty("cacheHit").GetBoolean());

        // A second replica on the same database whose model chain starts with model-b: the entries are not its to serve.
        var settings = new Dictionary<string, string>(fixture.Settings)
        {
            ["Llm:Providers:0:Model"] = "model-b",
            ["Llm:Providers:1:Model"] = "model-a",
        };
        await using var otherChain = new KnowledgeBaseApp(fixture.Database.ConnectionString, settings);
        using var sameUser = await otherChain.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);
        var fromOther = Done(await SseAsync(sameUser.Http, new { question = Question }));
        Assert.False(fromOther.GetProperty("cacheHit").GetBoolean());
        Assert.Equal("model-b", fromOther.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Deleting_regrouping_or_reversioning_a_cited_document_makes_the_next_ask_a_miss()
    {
        await fixture.PurgeAsync();
        using var user = await fixture.App.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);
        var bike = await fixture.IngestTextAsync("bike.md", "# Bike lease\n\nThe bike lease costs 30 EUR a month and runs for three years.");
        var canteen = await fixture.IngestTextAsync("canteen.md", "# Canteen\n\nThe canteen serves lunch from 11:30 until 14:00 every weekday.");
        var desk = await fixture.IngestTextAsync("desk.md", "# Desk booking\n\nDesks are booked in the Deskly app up to two weeks ahead.");

        async Task<bool> HitAsync(string question) => Done(await SseAsync(user.Http, new { question })).GetProperty("cacheHit").GetBoolean();
        foreach (var q in new[] { "What does the bike lease cost?", "When does the canteen serve lunch?", "How are desks booked?" })
        {
            await HitAsync(q);
            Assert.True(await HitAsync(q));
        }

        Assert.Equal(3, await EntriesCitingAsync(bike, canteen, desk));
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var documents = scope.ServiceProvider.GetRequiredService<DocumentService>();
            Assert.True(await documents.DeleteAsync(bike, CancellationToken.None));
            Assert.Equal(DocumentStatus.Ready, (await documents.ChangeAccessAsync(canteen, null, ["hr"], CancellationToken.None)).Document!.Status);
        }

        await fixture.IngestTextAsync("desk.md", "# Desk booking\n\nDesks are booked in the Deskly app up to four weeks ahead.");

        // Removed by the changes' own transactions, not merely refused at read time.
        Assert.Equal(0, await EntriesCitingAsync(bike, canteen, desk));

        Assert.False(await HitAsync("What does the bike lease cost?"));
        Assert.False(await HitAsync("When does the canteen serve lunch?"));
        Assert.False(await HitAsync("How are desks booked?"));
    }

    [Fact]
    public async Task A_fallback_answer_and_an_opted_out_ask_are_never_cached()
    {
        await fixture.PurgeAsync();
        using var user = await fixture.App.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);
        fixture.Server.Reset(c => c.Model == "model-a" ? ChatFault.Unavailable : ChatFault.None);
        var degraded = Done(await SseAsync(user.Http, new { question = "Is FlexFit for every employee?" }));
        Assert.True(degraded.GetProperty("fallbackUsed").GetBoolean());
        fixture.Server.Reset();
        var fresh = Done(await SseAsync(user.Http, new { question = "Is FlexFit for every employee?" }));
        Assert.False(fresh.GetProperty("cacheHit").GetBoolean());
        Assert.Equal("model-a", fresh.GetProperty("model").GetString());

        var optedOut = Done(await SseAsync(user.Http, new { question = "Is FlexFit for every employee?", cache = false }));
        Assert.False(optedOut.GetProperty("cacheHit").GetBoolean());
        using var admin = await fixture.App.SignInAsync(CacheAppFixture.Admin, CacheAppFixture.Password);
        await SseAsync(admin.Http, new { question = "Is FlexFit for every employee?" });
        admin.Http.DefaultRequestHeaders.Add("X-KB-Cache-Bypass", "1");
        Assert.False(Done(await SseAsync(admin.Http, new { question = "Is FlexFit for every employee?" })).GetProperty("cacheHit").GetBoolean());
    }

    [Fact]
    public async Task Redacted_and_blocked_answers_are_never_cached_and_the_next_ask_reaches_the_model_again()
    {
        await fixture.PurgeAsync();
        using var user = await fixture.App.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);
        fixture.Server.Respond = _ => "The FlexFit card is 4111 1111 1111 1111 and the key is AKIAIOSFODNN7EXAMPLE [1].";
        const string redacted = "Which card pays the FlexFit allowance?";
        const string blocked = "Which key unlocks the FlexFit portal?";

        foreach (var (question, verdict) in new[] { (redacted, "redacted"), (redacted, "redacted"), (blocked, "blocked"), (blocked, "blocked") })
        {
            if (question == blocked)
            {
                fixture.Server.Respond = _ => "The portal key: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7b3 rest of it";
            }

            var calls = fixture.Server.Calls.Count;
            var done = Done(await SseAsync(user.Http, new { question }));
            Assert.Equal(verdict, done.GetProperty("guardrail").GetString());
            Assert.False(done.GetProperty("cacheHit").GetBoolean());
            Assert.Equal(calls + 1, fixture.Server.Calls.Count);
        }

        Assert.Equal(0, await EntriesCountAsync());
    }

    [Fact]
    public async Task A_cached_answer_citing_a_document_the_asker_can_no_longer_read_is_not_served()
    {
        await fixture.PurgeAsync();
        using var hr = await fixture.App.SignInAsync(CacheAppFixture.HrUser, CacheAppFixture.Password);
        var locker = await fixture.IngestTextAsync("lockers.md", "# Lockers\n\nHr staff keep their lockers on level 3 behind the mail room.", "default", "hr");
        const string question = "Where are the hr lockers?";
        await SseAsync(hr.Http, new { question });
        Assert.True(Done(await SseAsync(hr.Http, new { question })).GetProperty("cacheHit").GetBoolean());

        // Changed behind the application's back (no invalidation ran): the read-time check alone must stop it.
        await using (var connection = new NpgsqlConnection(fixture.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE documents SET access_groups = '{finance}' WHERE id = @id", connection);
            command.Parameters.AddWithValue("id", locker);
            await command.ExecuteNonQueryAsync();
        }

        var after = await SseAsync(hr.Http, new { question });
        Assert.False(Done(after).GetProperty("cacheHit").GetBoolean());
        Assert.DoesNotContain(after[0].GetProperty("citations").EnumerateArray(), c => c.GetProperty("documentId").GetGuid() == locker);
    }

    [Fact]
    public async Task Admins_purge_the_cache_and_others_may_not()
    {
        await fixture.PurgeAsync();
        using var user = await fixture.App.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);
        using var admin = await fixture.App.SignInAsync(CacheAppFixture.Admin, CacheAppFixture.Password);
        await SseAsync(user.Http, new { question = Question });

        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.DeleteAsync("/api/admin/cache")).StatusCode);
        var bad = await admin.Http.DeleteAsync("/api/admin/cache?collection=" + new string('x', 300));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("collection", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var other = await (await admin.Http.DeleteAsync("/api/admin/cache?collection=travel")).Content.ReadFromJsonAsync<JsonElement>();
        var all = await (await admin.Http.DeleteAsync("/api/admin/cache")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(0, other.GetProperty("removed").GetInt32());
        Assert.Equal(1, all.GetProperty("removed").GetInt32());
        Assert.False(Done(await SseAsync(user.Http, new { question = Question })).GetProperty("cacheHit").GetBoolean());
    }

    [Fact]
    public async Task Prompt_cache_tokens_the_provider_reports_are_priced_at_the_cached_input_price_in_done_usage_report_and_metrics()
    {
        await fixture.PurgeAsync();
        // A collection of its own, so the cost series is this test's alone (other apps in this process share the meter).
        const string collection = "cache-pricing";
        await fixture.IngestTextAsync("pricing.md", "# Pricing\n\nThe FlexFit allowance is for fitness only.", collection);
        await fixture.App.Services.GetRequiredService<CollectionLabels>().RefreshAsync();
        using var user = await fixture.App.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);
        using var admin = await fixture.App.SignInAsync(CacheAppFixture.Admin, CacheAppFixture.Password);
        var series = $"collection=\"{collection}\"";
        var costBefore = Metric(await user.Http.GetStringAsync("/metrics"), "kb_answer_cost_total", series);
        var reportBefore = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/usage")).GetProperty("totals").GetProperty("cost").GetDecimal();

        var done = Done(await SseAsync(user.Http, new { question = "Is the FlexFit allowance for fitness only?", collection, cache = false }));

        // The fake provider reports half of the prompt as cached (prompt_tokens_details.cached_tokens).
        var usage = done.GetProperty("usage");
        var input = usage.GetProperty("inputTokens").GetInt32();
        var cached = usage.GetProperty("cachedInputTokens").GetInt32();
        var output = usage.GetProperty("outputTokens").GetInt32();
        Assert.Equal(input / 2, cached);
        var expected = Math.Round((((input - cached) * 1000m) + (cached * 100m) + (output * 2000m)) / 1_000_000m, 6);
        Assert.Equal(expected, done.GetProperty("cost").GetDecimal());
        Assert.True(expected < Math.Round(((input * 1000m) + (output * 2000m)) / 1_000_000m, 6), "cached input is cheaper");
        var reportAfter = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/usage")).GetProperty("totals").GetProperty("cost").GetDecimal();
        Assert.Equal(expected, reportAfter - reportBefore);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        double costAfter;
        while ((costAfter = Metric(await user.Http.GetStringAsync("/metrics"), "kb_answer_cost_total", series)) == costBefore && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal((double)expected, costAfter - costBefore, 6);
    }

    [Fact]
    public async Task Claude_answers_when_the_openai_models_fail_with_its_instructions_marked_for_the_prompt_cache_and_cache_tokens_priced()
    {
        await fixture.PurgeAsync();
        fixture.Server.Reset(_ => ChatFault.Unavailable);
        using var user = await fixture.App.SignInAsync(CacheAppFixture.Employee, CacheAppFixture.Password);

        // The first ask writes the instructions to Anthropic's prompt cache, the second reads them from it.
        var first = await SseAsync(user.Http, new { question = "Is the FlexFit allowance for every employee?" });
        var second = await SseAsync(user.Http, new { question = "Is the FlexFit allowance paid in cash?" });

        var calls = fixture.Anthropic.Calls.ToArray();
        Assert.Equal(2, calls.Length);
        foreach (var (events, call) in new[] { (first, calls[0]), (second, calls[1]) })
        {
            var done = Done(events);
            Assert.Equal(CacheAppFixture.ClaudeModel, done.GetProperty("model").GetString());
            Assert.True(done.GetProperty("fallbackUsed").GetBoolean());
            Assert.False(done.GetProperty("cacheHit").GetBoolean());
            Assert.Equal(FakeAnthropicServer.DefaultAnswer, events.AnswerText());
            Assert.Equal(CacheAppFixture.ClaudeKey, call.ApiKey);
            Assert.True(call.Body.GetProperty("stream").GetBoolean());

            // The instructions alone in the system block, marked; sources and question in the user message.
            var system = Assert.Single(call.Body.GetProperty("system").EnumerateArray());
            Assert.Equal(KnowledgeBase.Core.Answering.AnswerPrompt.System, system.GetProperty("text").GetString());
            Assert.Equal("ephemeral", system.GetProperty("cache_control").GetProperty("type").GetString());
            var message = call.Body.GetProperty("messages").EnumerateArray().Last();
            Assert.Equal("user", message.GetProperty("role").GetString());
            Assert.Contains("FlexFit", message.GetProperty("content").ToString(), StringComparison.Ordinal);

            // Usage as reported (input = plain + cache reads + cache writes), priced per kind in done.cost.
            var usage = done.GetProperty("usage");
            Assert.Equal(call.InputTokens + call.CacheReadTokens + call.CacheWriteTokens, usage.GetProperty("inputTokens").GetInt32());
            Assert.Equal(call.CacheReadTokens, usage.GetProperty("cachedInputTokens").GetInt32());
            Assert.Equal(call.CacheWriteTokens, usage.GetProperty("cacheWriteInputTokens").GetInt32());
            Assert.Equal(call.OutputTokens, usage.GetProperty("outputTokens").GetInt32());
            var expected = Math.Round(((call.InputTokens * 3000m) + (call.CacheReadTokens * 300m) + (call.CacheWriteTokens * 3750m) + (call.OutputTokens * 15000m)) / 1_000_000m, 6);
            Assert.Equal(expected, done.GetProperty("cost").GetDecimal());
        }

        Assert.True(calls[0].CacheWriteTokens > 0 && calls[0].CacheReadTokens == 0, "the first ask writes the cache");
        Assert.True(calls[1].CacheReadTokens == calls[0].CacheWriteTokens && calls[1].CacheWriteTokens == 0, "the second reads it");
        Assert.True(Done(second).GetProperty("cost").GetDecimal() < Done(first).GetProperty("cost").GetDecimal(), "a cache read costs less than a write");

        // A failing Anthropic API (529 overloaded) ends in the extractive answer, not an error.
        fixture.Anthropic.FailWith = 529;
        var overloaded = await SseAsync(user.Http, new { question = "Is the FlexFit allowance paid in cash?" });
        Assert.Equal("extractive", Done(overloaded).GetProperty("model").GetString());
        Assert.Contains(overloaded, e => e.Type() == "notice" && e.GetProperty("message").GetString()!.Contains("HTTP 529", StringComparison.Ordinal));
    }

    /// <summary>Sum of a Prometheus counter's series that mention <paramref name="label"/>.</summary>
    private static double Metric(string text, string name, string label) =>
        text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.IndexOf("} ", StringComparison.Ordinal) + 2)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));

    private async Task<long> EntriesCitingAsync(params Guid[] documents)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM answer_cache WHERE source_documents && @ids", connection);
        command.Parameters.AddWithValue("ids", documents);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> EntriesCountAsync() => ScalarAsync("SELECT count(*) FROM answer_cache");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<JsonElement>> SseAsync(HttpClient http, object body)
    {
        var (status, events) = await ChatEvents.AskOverSseWithAsync(http, body, Bounded());
        Assert.Equal(HttpStatusCode.OK, status);
        return events;
    }

    private static JsonElement Done(List<JsonElement> events)
    {
        var done = events[^1];
        Assert.Equal("done", done.Type());
        return done;
    }

    private static string? Content(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
}
