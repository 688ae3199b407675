using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Guardrails;

/// <summary>
/// A model that adds a sentence no source holds: every transport gets a <c>groundedness</c> flag locating that
/// sentence in the answer it delivered, the stored conversation keeps it (placed in the stored text), and an answer
/// taken from its source is not flagged.
/// </summary>
[Collection(GuardrailApp.Name)]
public sealed class GroundednessGuardrailTests(GuardrailAppFixture fixture)
{
    public const string Supported = "The FlexFit fitness allowance gives every employee 600 EUR per calendar year [1].";
    public const string Unsupported = "Unused allowance is paid out as a bonus every December [1].";

    /// <summary>Leading white space, as some models send: the stored answer loses it, and the flag must still fit.</summary>
    public const string Flagged = "  " + Supported + " " + Unsupported;

    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    [Fact]
    public async Task An_unsupported_sentence_is_flagged_in_place_on_every_transport_and_in_the_stored_conversation()
    {
        const string question = "Is unused FlexFit allowance paid out?";
        fixture.Server.Reset();
        fixture.Server.Respond = _ => Flagged;
        using var client = await fixture.App.SignInAsync(GuardrailAppFixture.Email, GuardrailAppFixture.Password);

        await using (var hub = client.Hub())
        {
            await hub.StartAsync();
            AssertFlaggedStream(await ChatEvents.AskAsync(hub, question, Bounded()), "hub");
        }

        var (_, sse) = await ChatEvents.AskOverSseAsync(client.Http, question, Bounded());
        AssertFlaggedStream(sse, "SSE");

        var json = await client.AskAsync(question);
        Assert.Equal("flagged", json.GetProperty("guardrail").GetString());
        AssertPlaced(json.GetProperty("answer").GetString()!, Assert.Single(json.GetProperty("guardrails").EnumerateArray(), IsGrounding), "JSON");

        var streamed = await CompletionAsync(client, question, stream: true);
        Assert.Contains("\"kb_guardrail\":{\"rule\":\"groundedness\"", streamed, StringComparison.Ordinal);
        var completion = JsonDocument.Parse(await CompletionAsync(client, question, stream: false)).RootElement;
        AssertPlaced(
            completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!,
            Assert.Single(completion.GetProperty("kb_guardrails").EnumerateArray(), IsGrounding),
            "/v1");

        // Stored: the row, and the reloaded conversation places the flag in the stored text.
        var conversation = await client.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{json.ConversationId()}");
        var answer = conversation.GetProperty("messages")[1];
        AssertPlaced(answer.GetProperty("text").GetString()!, Assert.Single(answer.GetProperty("guardrails").EnumerateArray(), IsGrounding), "stored");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        var row = await db.GuardrailEvents.SingleAsync(g => g.MessageId == json.MessageId() && g.Rule == "groundedness");
        Assert.Equal(("flag", "unsupported sentence", "answer"), (row.Action, row.SpanKind, row.Target));
        Assert.Contains(fixture.Spans.Spans, s => s.Name == "guardrail grounding" && s.Tags.Contains(("kb.guardrail.actions", "1")));
    }

    [Fact]
    public async Task An_answer_its_source_supports_is_not_flagged()
    {
        fixture.Server.Reset();
        fixture.Server.Respond = _ => Supported;
        using var client = await fixture.App.SignInAsync(GuardrailAppFixture.Email, GuardrailAppFixture.Password);

        var (_, events) = await ChatEvents.AskOverSseAsync(client.Http, "How large is the FlexFit fitness allowance per year?", Bounded());

        Assert.Equal(Supported, events.AnswerText().Trim());
        Assert.DoesNotContain(events, e => e.Type() == "guardrail" && e.GetProperty("target").GetString() == "answer");
        Assert.Equal("none", events[^1].GetProperty("guardrail").GetString());
    }

    private static void AssertFlaggedStream(List<JsonElement> events, string transport)
    {
        var flag = Assert.Single(events, IsGrounding);
        AssertPlaced(events.AnswerText(), flag, transport);
        Assert.Equal("flagged", events[^1].GetProperty("guardrail").GetString());
        // Before the located citations and the end of the answer.
        Assert.True(events.IndexOf(flag) < events.FindIndex(e => e.Type() == "citations"), transport);
    }

    private static void AssertPlaced(string answer, JsonElement flag, string transport)
    {
        Assert.Equal("flag", flag.GetProperty("action").GetString());
        Assert.Contains("not clearly supported", flag.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(
            answer.Substring(flag.GetProperty("start").GetInt32(), flag.GetProperty("length").GetInt32()) == Unsupported,
            $"{transport}: the flag does not locate the unsupported sentence in '{answer}': {flag}");
    }

    private static bool IsGrounding(JsonElement e) => e.TryGetProperty("rule", out var rule) && rule.GetString() == "groundedness";

    private static async Task<string> CompletionAsync(SignedInClient client, string question, bool stream)
    {
        using var response = await client.Http.PostAsync("/v1/chat/completions", new StringContent(JsonSerializer.Serialize(new
        {
            model = "kb",
            stream,
            messages = new[] { new { role = "user", content = question } },
        }), Encoding.UTF8, "application/json"), Bounded());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }
}
