using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Conversations;

/// <summary>Renaming, searching and asking a conversation's last question again (regenerate, edit and resend).</summary>
[Collection(SharedApp.Name)]
public sealed class ConversationEditTests(AppFixture fixture)
{
    [Fact]
    public async Task A_conversation_is_renamed_by_its_owner_only_and_bad_titles_are_400s_naming_the_field()
    {
        using var owner = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var other = await fixture.App.SignInAsync(AppFixture.HrEmail, AppFixture.Password);
        var answer = await owner.AskAsync("What is the hotel cap in London?");
        var path = $"/api/conversations/{answer.ConversationId()}";

        var renamed = await owner.Http.PatchAsJsonAsync(path, new { title = "  London hotels  " });
        var bad = new[] { "", "   ", "nul\0inside", "two\nlines", new string('x', 121) };
        var refused = await Task.WhenAll(bad.Select(t => owner.Http.PatchAsJsonAsync(path, new { title = t })));
        var stranger = await other.Http.PatchAsJsonAsync(path, new { title = "Mine now" });
        var stored = await owner.Http.GetFromJsonAsync<JsonElement>(path);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("London hotels", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            // The API-wide JSON rules name a NUL's field as a JSON path ('$.title'); the endpoint's own checks say 'title'.
            Assert.Matches(@"'(\$\.)?title'", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal("London hotels", stored.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Search_finds_the_owners_conversations_by_title_or_message_text_and_never_another_users()
    {
        using var owner = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var other = await fixture.App.SignInAsync(AppFixture.HrEmail, AppFixture.Password);
        var marker = $"zebra{Guid.NewGuid():N}"[..14];
        var mine = await owner.AskAsync($"How much is the FlexFit allowance? ({marker})");
        var theirs = await other.AskAsync($"How much is the FlexFit allowance? ({marker})");
        var byAnswerText = await owner.AskAsync("What is the hotel cap in London?");
        var answerWord = byAnswerText.GetProperty("answer").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => w.Length > 6 && w.All(char.IsLetter));

        var found = await Ids(owner, $"?q={marker.ToUpperInvariant()}");
        var byText = await Ids(owner, $"?q={Uri.EscapeDataString(answerWord)}");
        // "%" and "_" are literal: a pattern that would match the marker as a LIKE wildcard finds nothing.
        var wildcard = await Ids(owner, $"?q={Uri.EscapeDataString(marker[..6] + "%" + marker[7..])}");
        var nul = await owner.Http.GetAsync("/api/conversations?q=a%00b");

        Assert.Equal([mine.ConversationId()], found);
        Assert.DoesNotContain(theirs.ConversationId(), found);
        Assert.Contains(byAnswerText.ConversationId(), byText);
        Assert.Empty(wildcard);
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Contains("'q'", (await nul.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_the_last_question_again_replaces_it_and_its_answer_while_usage_still_counts_both()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var first = await client.AskAsync("How much is the FlexFit allowance?");
        var conversationId = first.ConversationId();
        var question = await FirstQuestionId(client, conversationId);

        var again = await client.Http.PostAsJsonAsync("/api/ask", new { question = "How much is the FlexFit allowance per year?", conversationId, replaces = question });
        var conversation = await client.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}");
        var stale = await client.Http.PostAsJsonAsync("/api/ask", new { question = "again?", conversationId, replaces = question });
        var orphan = await client.Http.PostAsJsonAsync("/api/ask", new { question = "again?", replaces = question });
        var csv = await admin.Http.GetStringAsync("/api/admin/usage.csv");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var messages = conversation.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal("How much is the FlexFit allowance per year?", messages[0].GetProperty("text").GetString());
        Assert.Equal((await again.Content.ReadFromJsonAsync<JsonElement>()).MessageId(), messages[1].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Contains("last question", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, orphan.StatusCode);
        Assert.Contains("'conversationId'", (await orphan.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The replaced answer still cost something: it stays in the usage report.
        Assert.Contains(first.MessageId().ToString(), csv, StringComparison.Ordinal);
    }

    private static async Task<Guid> FirstQuestionId(SignedInClient client, Guid conversationId) =>
        (await client.Http.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversationId}")).GetProperty("messages")[0].GetProperty("id").GetGuid();

    private static async Task<List<Guid>> Ids(SignedInClient client, string query) =>
        (await client.Http.GetFromJsonAsync<JsonElement>($"/api/conversations{query}")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
}
