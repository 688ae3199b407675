using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Guardrails;

/// <summary>
/// A model that streams a card number and an AWS key, each split across chunk boundaries: no transport delivers
/// them, nothing stores them, no span carries them; a block rule stops the model call itself.
/// </summary>
[Collection(GuardrailApp.Name)]
public sealed class OutputGuardrailTests(GuardrailAppFixture fixture)
{
    private const string Question = "How do I get a new deploy key?";
    private const string Leaky = "Your card is 4111 1111 1111 1111 and the deploy key is AKIAIOSFODNN7EXAMPLE, see the runbook [1].";
    private static readonly string[] LeakyChunks = ["Your card is 4111 11", "11 1111 1", "111 and the deploy key is AK", "IAIOSFOD", "NN7EXAMPLE, see the runbook [1]."];
    private static readonly string[] Secrets = ["4111", "1111 1111", "AKIA", "IOSFODNN7EXAMPLE"];

    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private void Leak()
    {
        fixture.Server.Reset();
        fixture.Server.Respond = _ => Leaky;
        fixture.Server.Split = text => { Assert.Equal(Leaky, text); return LeakyChunks; };
    }

    private static void AssertClean(string wire, string transport)
    {
        foreach (var secret in Secrets)
        {
            Assert.False(wire.Contains(secret, StringComparison.Ordinal), $"{transport} received '{secret}': {wire}");
        }

        Assert.Contains("[redacted: card number]", wire, StringComparison.Ordinal);
        Assert.Contains("[redacted: AWS access key]", wire, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Split_secrets_reach_no_transport_no_stored_message_and_no_span()
    {
        Leak();
        using var client = await fixture.App.SignInAsync(GuardrailAppFixture.Email, GuardrailAppFixture.Password);

        // SignalR hub.
        await using (var hub = client.Hub())
        {
            await hub.StartAsync();
            var events = await ChatEvents.AskAsync(hub, Question, Bounded());
            AssertClean(string.Join('\n', events.Select(e => e.GetRawText())), "hub");
            // The sentence is not in the sources either: flagged (after the stream, with its place in the answer).
            Assert.Equal(["pii.payment_card", "secret.aws_key", "groundedness"], events.Where(IsAnswerGuardrail).Select(e => e.GetProperty("rule").GetString()));
            var done = events[^1];
            Assert.Equal("redacted", done.GetProperty("guardrail").GetString());
            Assert.Equal("Your card is [redacted: card number] and the deploy key is [redacted: AWS access key], see the runbook [1].", events.AnswerText());
        }

        // Server-sent events.
        var (_, sse) = await ChatEvents.AskOverSseAsync(client.Http, Question, Bounded());
        AssertClean(string.Join('\n', sse.Select(e => e.GetRawText())), "SSE");
        var marker = sse.First(e => e.Type() == "guardrail" && e.GetProperty("rule").GetString() == "pii.payment_card");
        Assert.Equal("[redacted: card number]", sse.AnswerText().Substring(marker.GetProperty("start").GetInt32(), marker.GetProperty("length").GetInt32()));

        // JSON.
        var json = await (await client.Http.PostAsJsonAsync("/api/ask", new { question = Question }, Bounded())).Content.ReadAsStringAsync();
        AssertClean(json, "JSON");
        Assert.Equal("redacted", JsonDocument.Parse(json).RootElement.GetProperty("guardrail").GetString());
        Assert.Equal(3, JsonDocument.Parse(json).RootElement.GetProperty("guardrails").EnumerateArray().Count(IsAnswerGuardrail));

        // OpenAI-compatible, streamed and not.
        AssertClean(await CompletionAsync(client, stream: true), "/v1 streaming");
        var completion = await CompletionAsync(client, stream: false);
        AssertClean(completion, "/v1");
        Assert.Equal(3, JsonDocument.Parse(completion).RootElement.GetProperty("kb_guardrails").EnumerateArray().Count(g => g.GetProperty("target").GetString() == "answer"));

        // Nothing stored, and every stored answer has its guardrail actions.
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        var answers = await db.Messages.Where(m => m.Role == MessageRole.Assistant && m.Text.Contains("[redacted: AWS access key]")).Select(m => m.Id).ToListAsync();
        Assert.Equal(5, answers.Count);
        Assert.False(await db.Messages.AnyAsync(m => m.Text.Contains("4111") || m.Text.Contains("AKIA")));
        Assert.Equal(15, await db.GuardrailEvents.CountAsync(g => g.MessageId != null && answers.Contains(g.MessageId.Value) && g.Target == "answer"));

        // No span, with prompt and answer capture on, carries them; the capture itself did happen.
        var spans = fixture.Spans.AllValues();
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, spans, StringComparison.Ordinal);
        }

        // The exported answer is the one shown (the trace's output); the model's raw text is never exported.
        Assert.Contains("langfuse.trace.output=", spans, StringComparison.Ordinal);
        Assert.DoesNotContain("gen_ai.output.messages=", spans, StringComparison.Ordinal);
        Assert.Contains("[redacted: AWS access key]", spans, StringComparison.Ordinal);
        Assert.Contains(fixture.Spans.Spans, s => s.Name == "guardrail output" && s.Tags.Contains(("kb.guardrail.verdict", "redacted")));
    }

    [Fact]
    public async Task A_block_rule_stops_the_answer_and_cancels_the_model_call()
    {
        fixture.Server.Reset();
        fixture.Server.Respond = _ => "Here is the deploy key: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7b3 " + string.Join(' ', Enumerable.Repeat("QUJDREVGR0g=", 60));
        fixture.Server.TokenDelay = TimeSpan.FromMilliseconds(40);
        using var client = await fixture.App.SignInAsync(GuardrailAppFixture.Email, GuardrailAppFixture.Password);

        var (_, events) = await ChatEvents.AskOverSseAsync(client.Http, Question, Bounded());

        var block = Assert.Single(events, IsAnswerGuardrail);
        Assert.Equal(("secret.private_key", "block"), (block.GetProperty("rule").GetString(), block.GetProperty("action").GetString()));
        Assert.Contains("stopped", block.GetProperty("message").GetString(), StringComparison.Ordinal);
        // Only text before the key is shown (all of it, unless a sentence rule holds the unfinished sentence).
        Assert.StartsWith(events.AnswerText().TrimEnd(), "Here is the deploy key:", StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", events.AnswerText(), StringComparison.Ordinal);
        Assert.Equal("blocked", events[^1].GetProperty("guardrail").GetString());
        Assert.Equal("model-a", events[^1].GetProperty("model").GetString());

        // The fake server sees its client go away long before its 60 chunks are out.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (fixture.Server.Aborted.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal("model-a", Assert.Single(fixture.Server.Aborted).Model);
    }

    [Fact]
    public async Task A_blocked_completion_ends_with_content_filter()
    {
        fixture.Server.Reset();
        fixture.Server.Respond = _ => "Key: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg rest of it";
        using var client = await fixture.App.SignInAsync(GuardrailAppFixture.Email, GuardrailAppFixture.Password);

        var completion = JsonDocument.Parse(await CompletionAsync(client, stream: false)).RootElement;
        var streamed = await CompletionAsync(client, stream: true);

        Assert.Equal("content_filter", completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.DoesNotContain("BEGIN", completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"content_filter\"", streamed, StringComparison.Ordinal);
        Assert.Contains("\"kb_guardrail\":", streamed, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN", streamed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_company_s_own_address_passes_and_admins_see_counts_by_rule_and_day()
    {
        fixture.Server.Reset();
        fixture.Server.Respond = _ => "Ask security@lumen-robotics.example, not jane.doe@gmail.com [1].";
        using var client = await fixture.App.SignInAsync(GuardrailAppFixture.Email, GuardrailAppFixture.Password);

        var answer = await client.AskAsync(Question);

        Assert.Equal("Ask security@lumen-robotics.example, not [redacted: e-mail address] [1].", answer.GetProperty("answer").GetString());
        using var admin = await fixture.App.SignInAsync(GuardrailAppFixture.AdminEmail, GuardrailAppFixture.Password);
        var report = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/guardrails");
        Assert.Contains(report.GetProperty("byRule").EnumerateArray(), r => r.GetProperty("rule").GetString() == "pii.email" && r.GetProperty("action").GetString() == "redact" && r.GetProperty("count").GetInt64() >= 1);
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(report.GetProperty("byDay").EnumerateArray(), d => d.GetProperty("day").GetString() == today && d.GetProperty("rule").GetString() == "pii.email");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.Http.GetAsync("/api/admin/guardrails")).StatusCode);
    }

    /// <summary>What the guardrails did to the answer (the planted document of the injection tests may also be screened out of the sources).</summary>
    private static bool IsAnswerGuardrail(JsonElement e) => e.Type() == "guardrail" && e.GetProperty("target").GetString() == "answer";

    private static async Task<string> CompletionAsync(SignedInClient client, bool stream)
    {
        using var response = await client.Http.PostAsync("/v1/chat/completions", new StringContent(JsonSerializer.Serialize(new
        {
            model = "kb",
            stream,
            messages = new[] { new { role = "user", content = Question } },
        }), Encoding.UTF8, "application/json"), Bounded());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
