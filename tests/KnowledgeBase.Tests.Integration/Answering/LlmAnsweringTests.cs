using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Answering;

/// <summary>
/// The real host answering through Semantic Kernel against a fake OpenAI-compatible server:
/// primary model-a, fallback model-b, then extractive. Timeouts are short so faults resolve fast.
/// </summary>
public sealed class LlmAppFixture : IAsyncLifetime
{
    public const string Email = "llm-user@test.example";
    public const string Password = "long-enough-password";

    public TestDatabase Database { get; private set; } = null!;

    public FakeChatServer Server { get; private set; } = null!;

    public KnowledgeBaseApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeChatServer.StartAsync();
        Server.Delay = TimeSpan.FromSeconds(20);
        Database = await TestDatabase.CreateAsync();
        App = new KnowledgeBaseApp(Database.ConnectionString, new Dictionary<string, string>(Server.ChainSettings())
        {
            ["Llm:Resilience:MaxRetries"] = "1",
            ["Llm:Resilience:RetryDelayMilliseconds"] = "10",
            ["Llm:Resilience:MaxRetryAfterSeconds"] = "2",
            ["Llm:MaxOutputTokens"] = "100",
            ["Streaming:KeepAliveSeconds"] = "0.5",
        });
        var doc = Path.Combine(Path.GetTempPath(), $"flexfit-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(doc, "# FlexFit\n\nThe FlexFit fitness allowance gives every employee 600 EUR per calendar year.");
        await App.IngestAsync(doc);
        File.Delete(doc);
        await App.AddUserAsync(Email, Password, Roles.Employee);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        await Server.DisposeAsync();
    }
}

public sealed class LlmAnsweringTests(LlmAppFixture fixture) : IClassFixture<LlmAppFixture>
{
    private const string Question = "How much is the FlexFit allowance?";

    /// <summary>No fault may hang an answer: every ask here is bounded, far above the configured timeouts.</summary>
    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task Answers_through_the_model_with_streamed_tokens_usage_cost_and_checked_citations()
    {
        fixture.Server.Reset();
        using var client = await fixture.App.SignInAsync(LlmAppFixture.Email, LlmAppFixture.Password);

        var (status, events) = await ChatEvents.AskOverSseAsync(client.Http, Question, Bounded());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("retrieval", events[0].Type());
        Assert.All(events[1..^3], e => Assert.Equal("token", e.Type()));
        Assert.Equal("citations", events[^2].Type());
        Assert.True(events.Count > 8, "the model's answer streams as many tokens");
        var answer = events.AnswerText();
        Assert.StartsWith("Answer from model-a: the FlexFit allowance is 600 EUR per year [1].", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("[9]", answer, StringComparison.Ordinal);
        // The sentence that cited a source that does not exist is not in any source either: flagged where it stands.
        var flag = events[^3];
        Assert.Equal(("guardrail", "groundedness"), (flag.Type(), flag.GetProperty("rule").GetString()));
        Assert.StartsWith("A claim citing nothing real", answer[flag.GetProperty("start").GetInt32()..], StringComparison.Ordinal);

        var done = events[^1];
        Assert.Equal("done", done.Type());
        Assert.Equal("llm", done.GetProperty("mode").GetString());
        Assert.Equal("model-a", done.GetProperty("model").GetString());
        Assert.False(done.GetProperty("fallbackUsed").GetBoolean());
        Assert.Equal([1], done.GetProperty("citedNumbers").EnumerateArray().Select(n => n.GetInt32()));

        // Usage is what the server reported in its final chunk; cost follows the configured prices.
        var call = Assert.Single(fixture.Server.Calls);
        var input = done.GetProperty("usage").GetProperty("inputTokens").GetInt32();
        var output = done.GetProperty("usage").GetProperty("outputTokens").GetInt32();
        Assert.Equal(call.Body.GetProperty("messages").EnumerateArray().Sum(e => e.GetProperty("content").GetString()!.Split(' ').Length), input);
        Assert.Equal(StreamingText.Pieces(fixture.Server.Answer("model-a")).Count(), output);
        Assert.Equal((input * 1000m / 1_000_000m) + (output * 2000m / 1_000_000m), done.GetProperty("cost").GetDecimal());

        // The request: streamed, instructions alone in the system message, the question and numbered sources in the user message.
        Assert.True(call.Body.GetProperty("stream").GetBoolean());
        var messages = call.Body.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal(AnswerPrompt.System, messages[0].GetProperty("content").GetString());
        Assert.DoesNotContain(Question, messages[0].GetProperty("content").GetString(), StringComparison.Ordinal);
        var user = messages[^1].GetProperty("content").GetString()!;
        Assert.Contains(Question, user, StringComparison.Ordinal);
        Assert.Contains("[1] FlexFit (flexfit-", user, StringComparison.Ordinal);
        Assert.Contains("600 EUR per calendar year", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_reports_llm_mode_and_the_primary_model()
    {
        using var client = await fixture.App.SignInAsync(LlmAppFixture.Email, LlmAppFixture.Password);

        var info = await client.Http.GetFromJsonAsync<JsonElement>("/api/info");

        Assert.Equal("llm", info.GetProperty("answerMode").GetString());
        Assert.Equal("model-a", info.GetProperty("model").GetString());
    }

    public static TheoryData<ChatFault> Faults => new(Enum.GetValues<ChatFault>().Where(f => f != ChatFault.None));

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Under_each_fault_of_the_primary_every_ask_ends_with_an_answer_never_hung_never_a_500(ChatFault fault)
    {
        // The primary fails on every request; a 429 only on the first one (its retry succeeds).
        fixture.Server.Reset(c => c.Model != "model-a" ? ChatFault.None
            : fault == ChatFault.TooManyRequests && c.Number > 1 ? ChatFault.None
            : fault);
        using var client = await fixture.App.SignInAsync(LlmAppFixture.Email, LlmAppFixture.Password);

        var (status, events) = await ChatEvents.AskOverSseAsync(client.Http, Question, Bounded());

        Assert.Equal(HttpStatusCode.OK, status);
        var done = events[^1];
        Assert.Equal("done", done.Type());
        Assert.Equal("llm", done.GetProperty("mode").GetString());
        var answer = events.AnswerText();
        var notices = events.Where(e => e.Type() == "notice").Select(e => e.GetProperty("message").GetString()!).ToList();
        switch (fault)
        {
            case ChatFault.TooManyRequests:
                // Retried after Retry-After, before anything reached the reader: model-a answers; a notice said a retry began.
                Assert.Equal("model-a", done.GetProperty("model").GetString());
                Assert.Equal(2, fixture.Server.CallsTo("model-a"));
                Assert.Contains("model-a did not answer (HTTP 429); trying again", Assert.Single(notices), StringComparison.Ordinal);
                break;
            case ChatFault.Unavailable:
                // Retried once (nothing was shown), then the fallback model answers; a notice for each.
                Assert.Equal("model-b", done.GetProperty("model").GetString());
                Assert.True(done.GetProperty("fallbackUsed").GetBoolean());
                Assert.Equal(2, fixture.Server.CallsTo("model-a"));
                Assert.Equal(2, notices.Count);
                Assert.Contains("model-a did not answer (HTTP 503); trying again", notices[0], StringComparison.Ordinal);
                Assert.Contains("model-a is unavailable", notices[1], StringComparison.Ordinal);
                Assert.StartsWith("Answer from model-b", answer, StringComparison.Ordinal);
                break;
            case ChatFault.SlowFirstToken:
                // One first-token deadline for all of model-a's attempts: spent by the first, so no retry; the fallback answers.
                Assert.Equal("model-b", done.GetProperty("model").GetString());
                Assert.Equal(1, fixture.Server.CallsTo("model-a"));
                Assert.Contains("model-a is unavailable (no first token within 1 s)", Assert.Single(notices), StringComparison.Ordinal);
                Assert.StartsWith("Answer from model-b", answer, StringComparison.Ordinal);
                break;
            case ChatFault.ConnectionReset when !answer.StartsWith("Answer from model-a", StringComparison.Ordinal):
                // A reset can discard the bytes still in the socket: then nothing was shown, and it was retried like a 503.
                Assert.Equal("model-b", done.GetProperty("model").GetString());
                Assert.Equal(2, fixture.Server.CallsTo("model-a"));
                Assert.Contains("model-a is unavailable", notices[^1], StringComparison.Ordinal);
                break;
            default:
                // Tokens had reached the reader: never retried; a visible notice, then model-b's answer.
                Assert.Equal("model-b", done.GetProperty("model").GetString());
                Assert.True(done.GetProperty("fallbackUsed").GetBoolean());
                Assert.Equal(1, fixture.Server.CallsTo("model-a"));
                Assert.Contains("model-a stopped mid-answer", Assert.Single(notices), StringComparison.Ordinal);
                Assert.StartsWith("Answer from model-a", answer, StringComparison.Ordinal);
                Assert.Contains("Answer from model-b", answer, StringComparison.Ordinal);
                var noticeAt = events.FindIndex(e => e.Type() == "notice");
                Assert.Contains(events[1..noticeAt], e => e.Type() == "token");
                break;
        }
    }

    [Fact]
    public async Task When_every_model_fails_the_extractive_answerer_answers()
    {
        fixture.Server.Reset(_ => ChatFault.Unavailable);
        using var client = await fixture.App.SignInAsync(LlmAppFixture.Email, LlmAppFixture.Password);

        var (status, events) = await ChatEvents.AskOverSseAsync(client.Http, Question, Bounded());

        Assert.Equal(HttpStatusCode.OK, status);
        var done = events[^1];
        Assert.Equal("extractive", done.GetProperty("mode").GetString());
        Assert.True(done.GetProperty("fallbackUsed").GetBoolean());
        Assert.Contains("600 EUR", events.AnswerText(), StringComparison.Ordinal);
        var notices = events.Where(e => e.Type() == "notice").Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Equal(2, notices.Count(n => n.Contains("is unavailable", StringComparison.Ordinal)));
        Assert.Equal(2, notices.Count(n => n.Contains("trying again", StringComparison.Ordinal)));
        Assert.Contains("extractive", notices[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_the_hub_stream_cancels_the_model_call()
    {
        fixture.Server.Reset(c => c.Model == "model-a" ? ChatFault.StallMidStream : ChatFault.None);
        using var client = await fixture.App.SignInAsync(LlmAppFixture.Email, LlmAppFixture.Password);
        await using var hub = client.Hub();
        await hub.StartAsync();
        using var stop = new CancellationTokenSource();

        var tokens = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in Microsoft.AspNetCore.SignalR.Client.HubConnectionExtensions.StreamAsync<JsonElement>(hub, "Ask", new { question = Question }, stop.Token))
            {
                if (e.Type() == "token" && ++tokens == 2)
                {
                    await stop.CancelAsync();
                }
            }
        });

        // The server sees its client go away: the model call was stopped, not left running.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (fixture.Server.Aborted.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal("model-a", Assert.Single(fixture.Server.Aborted).Model);
        Assert.Equal(0, fixture.Server.CallsTo("model-b"));
    }

    [Fact]
    public async Task A_stalled_primary_costs_one_first_token_deadline_then_the_fallback_answers_with_keep_alives_meanwhile()
    {
        fixture.Server.Reset(c => c.Model == "model-a" ? ChatFault.SlowFirstToken : ChatFault.None);
        using var client = await fixture.App.SignInAsync(LlmAppFixture.Email, LlmAppFixture.Password);
        var started = System.Diagnostics.Stopwatch.StartNew();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ask/stream") { Content = JsonContent.Create(new { question = Question }) };
        using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Bounded());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var body = new System.Text.StringBuilder();
        TimeSpan? firstToken = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            body.Append(line).Append('\n');
            firstToken ??= line == "event: token" ? started.Elapsed : null;
        }

        // Model-a was asked once: its 1 s first-token deadline covers its retries, so none was made after it ran out.
        Assert.Equal(1, fixture.Server.CallsTo("model-a"));
        Assert.Equal(1, fixture.Server.CallsTo("model-b"));
        var text = body.ToString();
        Assert.Contains("model-a is unavailable (no first token within 1 s); answering with model-b", text, StringComparison.Ordinal);
        // The stream was never silent while it waited: keep-alive comments before the notice.
        Assert.InRange(text.IndexOf(": keep-alive", StringComparison.Ordinal), 0, text.IndexOf("event: notice", StringComparison.Ordinal));
        Assert.NotNull(firstToken);
        Assert.True(firstToken >= TimeSpan.FromSeconds(1), $"the first token came after the deadline ({firstToken})");
    }

    [Fact]
    public async Task After_a_model_fails_mid_answer_JSON_and_the_OpenAI_API_get_the_fallbacks_answer_alone_with_the_notice()
    {
        fixture.Server.Reset(c => c.Model == "model-a" ? ChatFault.MalformedChunk : ChatFault.None);
        using var client = await fixture.App.SignInAsync(LlmAppFixture.Email, LlmAppFixture.Password);

        var json = await client.AskAsync(Question);
        Assert.StartsWith("Answer from model-b", json.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Contains("model-a stopped mid-answer", Assert.Single(json.GetProperty("notices").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.True(json.GetProperty("fallbackUsed").GetBoolean());
        // Stored as the reader of the JSON got it.
        Assert.StartsWith("Answer from model-b", await fixture.Database.ScalarAsync<string>($"SELECT text FROM messages WHERE id = '{json.MessageId()}'"), StringComparison.Ordinal);

        var completion = await client.Http.PostAsJsonAsync("/v1/chat/completions", new { model = "kb", messages = new[] { new { role = "user", content = Question } } });
        var body = await completion.Content.ReadFromJsonAsync<JsonElement>();
        var content = body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
        Assert.StartsWith("Note: The model model-a stopped mid-answer", content, StringComparison.Ordinal);
        Assert.Contains("\n\nAnswer from model-b", content, StringComparison.Ordinal);
        Assert.DoesNotContain("Answer from model-a", content, StringComparison.Ordinal);
        Assert.Contains("model-a stopped mid-answer", Assert.Single(body.GetProperty("kb_notices").EnumerateArray()).GetString(), StringComparison.Ordinal);

        var stream = await client.Http.PostAsJsonAsync("/v1/chat/completions", new { model = "kb", stream = true, messages = new[] { new { role = "user", content = Question } } });
        var data = (await stream.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(b => b.StartsWith("data: ", StringComparison.Ordinal)).Select(b => b[6..]).ToList();
        Assert.Equal("[DONE]", data[^1]);
        var chunks = data[..^1].Select(d => JsonDocument.Parse(d).RootElement).ToList();
        var streamed = string.Concat(chunks.Where(c => c.GetProperty("choices").GetArrayLength() > 0).Select(c => c.GetProperty("choices")[0].GetProperty("delta")).Where(d => d.TryGetProperty("content", out _)).Select(d => d.GetProperty("content").GetString()));
        Assert.Contains("\n\nNote: The model model-a stopped mid-answer", streamed, StringComparison.Ordinal);
        var final = chunks[^1];
        Assert.Equal("stop", final.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Single(final.GetProperty("kb_notices").EnumerateArray());
    }

    [Fact]
    public async Task The_app_stops_a_model_at_Llm_MaxOutputTokens_even_when_the_provider_ignores_it()
    {
        fixture.Server.Reset();
        fixture.Server.Answer = _ => "The FlexFit allowance is 600 EUR [1]. " + string.Join(' ', Enumerable.Repeat("lorem", 5000));
        using var client = await fixture.App.SignInAsync(LlmAppFixture.Email, LlmAppFixture.Password);

        var json = await client.AskAsync(Question);

        Assert.True(json.GetProperty("truncated").GetBoolean());
        Assert.Equal("model-a", json.GetProperty("model").GetString());
        Assert.InRange(json.GetProperty("usage").GetProperty("outputTokens").GetInt32(), 100, 105);
        Assert.InRange(json.GetProperty("answer").GetString()!.Split(' ').Length, 80, 110);
        Assert.True(await fixture.Database.ScalarAsync<bool>($"SELECT truncated FROM messages WHERE id = '{json.MessageId()}'"), "stored as truncated");

        var completion = await client.Http.PostAsJsonAsync("/v1/chat/completions", new { model = "kb", messages = new[] { new { role = "user", content = Question } } });
        var body = await completion.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("length", body.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }
}
