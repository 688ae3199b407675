using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Conversations;

[Collection(SharedApp.Name)]
public sealed class ConversationTests(AppFixture fixture)
{
    [Fact]
    public async Task A_follow_up_in_the_same_conversation_searches_where_the_earlier_question_pointed()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);

        var first = await client.AskAsync("How much is the FlexFit allowance?");
        var followUp = await client.AskAsync("and who is eligible?", first.ConversationId());
        var alone = await client.AskAsync("and who is eligible?");

        // In the conversation, "who is eligible" is about FlexFit (page 3 of the benefits guide)…
        var top = followUp.FirstCitation();
        Assert.Equal(first.ConversationId(), followUp.ConversationId());
        Assert.Equal("benefits-guide.pdf", top.GetProperty("sourceName").GetString());
        Assert.Equal(3, top.GetProperty("startPage").GetInt32());
        // …while the same words alone start a new conversation and search without that context.
        Assert.NotEqual(first.ConversationId(), alone.ConversationId());
        Assert.NotEqual(3, alone.FirstCitation().GetProperty("startPage").GetInt32());
    }

    [Fact]
    public async Task A_conversation_keeps_its_questions_and_answers_in_order_and_is_listed_newest_first()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        var older = await client.AskAsync("What is the hotel cap in London?");
        var first = await client.AskAsync("How much is the FlexFit allowance?");
        var second = await client.AskAsync("and when must claims be submitted?", first.ConversationId());

        var conversation = await client.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{first.ConversationId()}");
        var list = (await client.Http.GetFromJsonAsync<JsonElement>("/api/conversations")).EnumerateArray().ToList();

        Assert.Equal("How much is the FlexFit allowance?", conversation.GetProperty("title").GetString());
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "user", "assistant"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("and when must claims be submitted?", messages[2].GetProperty("text").GetString());
        Assert.Equal(second.GetProperty("answer").GetString(), messages[3].GetProperty("text").GetString());
        Assert.Equal(second.MessageId(), messages[3].GetProperty("id").GetGuid());
        Assert.Equal("extractive", messages[3].GetProperty("mode").GetString());
        Assert.Equal("completed", messages[3].GetProperty("status").GetString());
        Assert.NotEmpty(messages[3].GetProperty("citations").EnumerateArray());
        Assert.Equal(
            second.GetProperty("citedNumbers").EnumerateArray().Select(n => n.GetInt32()),
            messages[3].GetProperty("citedNumbers").EnumerateArray().Select(n => n.GetInt32()));

        var ids = list.Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.True(ids.IndexOf(first.ConversationId()) < ids.IndexOf(older.ConversationId()), "the conversation asked in last comes first");
        Assert.Equal(4, list.Single(c => c.GetProperty("id").GetGuid() == first.ConversationId()).GetProperty("messageCount").GetInt32());
    }

    [Fact]
    public async Task Another_users_conversation_is_not_found_everywhere_and_missing_from_their_list()
    {
        using var owner = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var other = await fixture.App.SignInAsync(AppFixture.HrEmail, AppFixture.Password);
        var answer = await owner.AskAsync("How much is the FlexFit allowance?");
        var id = answer.ConversationId();

        var get = await other.Http.GetAsync($"/api/conversations/{id}");
        var ask = await other.Http.PostAsJsonAsync("/api/ask", new { question = "and who is eligible?", conversationId = id });
        var stream = await other.Http.PostAsJsonAsync("/api/ask/stream", new { question = "and who is eligible?", conversationId = id });
        var feedback = await other.Http.PutAsJsonAsync($"/api/messages/{answer.MessageId()}/feedback", new { rating = "down" });
        var delete = await other.Http.DeleteAsync($"/api/conversations/{id}");
        var list = await other.Http.GetFromJsonAsync<JsonElement>("/api/conversations");
        await using var hub = other.Hub();
        await hub.StartAsync();
        var events = new List<JsonElement>();
        await foreach (var e in hub.StreamAsync<JsonElement>("Ask", new { question = "and who is eligible?", conversationId = id }))
        {
            events.Add(e);
        }

        Assert.All([get, ask, stream, feedback, delete], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("application/problem+json", ask.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(list.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        var error = Assert.Single(events);
        Assert.Equal("error", error.Type());
        Assert.Contains("no conversation", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        // Still the owner's, untouched.
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync($"/api/conversations/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_hub_answers_within_a_conversation_and_done_carries_its_ids()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        await using var hub = client.Hub();
        await hub.StartAsync();

        var first = await ChatEvents.AskAsync(hub, "How much is the FlexFit allowance?");
        var conversationId = first[^1].GetProperty("conversationId").GetGuid();
        var followUp = new List<JsonElement>();
        await foreach (var e in hub.StreamAsync<JsonElement>("Ask", new { question = "and who is eligible?", conversationId }))
        {
            followUp.Add(e);
        }

        Assert.Equal("done", followUp[^1].Type());
        Assert.Equal(conversationId, followUp[^1].GetProperty("conversationId").GetGuid());
        Assert.False(followUp[^1].GetProperty("fallbackUsed").GetBoolean());
        var conversation = await client.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}");
        Assert.Equal(followUp[^1].GetProperty("messageId").GetGuid(), conversation.GetProperty("messages")[3].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Deleting_a_conversation_hides_it_but_its_usage_stays_in_the_report()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var answer = await client.AskAsync("What is the hotel cap in London?");
        var id = answer.ConversationId();

        var deleted = await client.Http.DeleteAsync($"/api/conversations/{id}");
        var again = await client.Http.DeleteAsync($"/api/conversations/{id}");
        var get = await client.Http.GetAsync($"/api/conversations/{id}");
        var list = await client.Http.GetFromJsonAsync<JsonElement>("/api/conversations");
        var csv = await admin.Http.GetStringAsync("/api/admin/usage.csv");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.DoesNotContain(list.EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
        Assert.Contains(answer.MessageId().ToString(), csv, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await fixture.Database.ScalarAsync<string>($"SELECT string_agg(text, '') FROM messages WHERE conversation_id = '{id}'"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_answer_the_client_stops_midway_is_stored_as_cancelled_with_what_was_said(bool cancelToken)
    {
        // Through the service the transports share: the extractive answer streams faster than a cancel
        // travels over a socket, so stopping on the first token is only deterministic in-process.
        var userId = await fixture.Database.ScalarAsync<string>($"SELECT id::text FROM users WHERE email = '{AppFixture.EmployeeEmail}'");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<ConversationService>();
        using var stop = new CancellationTokenSource();
        var (admitted, _) = await service.AdmitAsync(new AskRequest("How much is the FlexFit allowance?"), new Asker(userId, AppFixture.EmployeeEmail), new AccessScope(["staff"], false), null, stop.Token);

        var said = new System.Text.StringBuilder();
        await foreach (var e in service.AnswerAsync(admitted!, new AccessScope(["staff"], false, null), stop.Token))
        {
            if (e is TokenEvent token)
            {
                said.Append(token.Text);
                if (cancelToken)
                {
                    await stop.CancelAsync();
                }
                else
                {
                    break;
                }
            }

            Assert.IsNotType<DoneEvent>(e);
        }

        var stored = await fixture.Database.ScalarAsync<string>(
            $"SELECT status || '|' || text FROM messages WHERE user_id = '{userId}' AND role = 'assistant' ORDER BY created_at DESC LIMIT 1");
        Assert.Equal($"cancelled|{said}", stored);
    }
}
