using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace KnowledgeBase.Tests.Integration.Answering;

/// <summary>Sources that point: the cited sentence, its page or section, and follow-ups and typos that still find it.</summary>
[Collection(SharedApp.Name)]
public sealed class CitedSentenceTests(AppFixture fixture)
{
    [Fact]
    public async Task The_citations_event_names_the_cited_sentence_its_range_in_the_passage_and_its_page()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);

        var (_, events) = await ChatEvents.AskOverSseAsync(client.Http, "How much is the FlexFit allowance?");

        Assert.Equal(["retrieval", "citations", "done"], events.Select(e => e.Type()).Where(t => t != "token"));
        var cited = events[^1].GetProperty("citedNumbers").EnumerateArray().Select(n => n.GetInt32()).ToList();
        var source = events[^2].GetProperty("citations").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == cited[0]);
        var passage = source.GetProperty("passage").GetString()!;
        var sentence = source.GetProperty("sentences")[0];
        var quoted = passage.Substring(sentence.GetProperty("start").GetInt32(), sentence.GetProperty("length").GetInt32());
        Assert.Equal("benefits-guide.pdf", source.GetProperty("sourceName").GetString());
        Assert.Contains("600 EUR", quoted, StringComparison.Ordinal);
        Assert.Equal(3, sentence.GetProperty("page").GetInt32());
        Assert.Equal(3, source.GetProperty("page").GetInt32());
        Assert.Contains("600 EUR", source.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        // The retrieval event already carried the passage: the client can highlight without another request.
        Assert.Equal(passage, events[0].GetProperty("citations").EnumerateArray().Single(c => c.GetProperty("number").GetInt32() == cited[0]).GetProperty("passage").GetString());
    }

    [Fact]
    public async Task A_markdown_source_names_its_section_and_the_heading_anchor_to_open()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);

        var answer = await client.AskAsync("How many days per week may I work remotely?");

        Assert.Contains("3 days per week", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
        var handbook = answer.GetProperty("citations").EnumerateArray().First(c => c.GetProperty("sourceName").GetString() == "employee-handbook.md");
        Assert.Equal("Lumen Robotics Employee Handbook > Remote Work > Hybrid model", handbook.GetProperty("headingPath").GetString());
        Assert.Equal("hybrid-model", handbook.GetProperty("anchor").GetString());
        Assert.Equal(JsonValueKind.Null, handbook.GetProperty("page").ValueKind);
    }

    [Fact]
    public async Task A_follow_up_with_a_pronoun_is_answered_about_the_earlier_questions_topic()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        await using var hub = client.Hub();
        await hub.StartAsync();

        var first = await ChatEvents.AskAsync(hub, "How do I book business travel?");
        var followUp = new List<JsonElement>();
        await foreach (var e in hub.StreamAsync<JsonElement>("Ask", new { question = "and who approves it?", conversationId = first[^1].GetProperty("conversationId").GetGuid() }))
        {
            followUp.Add(e);
        }

        var answer = followUp.AnswerText();
        Assert.Contains("line manager", answer, StringComparison.Ordinal);
        var cited = followUp[^1].GetProperty("citedNumbers").EnumerateArray().Select(n => n.GetInt32()).ToHashSet();
        Assert.Contains(followUp[0].GetProperty("citations").EnumerateArray(), c =>
            cited.Contains(c.GetProperty("number").GetInt32()) && c.GetProperty("sourceName").GetString() == "travel-policy.pdf");
    }

    [Fact]
    public async Task A_misspelt_word_is_matched_to_the_collections_vocabulary()
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);

        var results = await admin.Http.GetFromJsonAsync<JsonElement>("/api/search?q=vacaton%20carried&k=3&mode=keyword&collection=default");
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        var answer = await client.AskAsync("How many vacaton days can I cary over?");

        Assert.Equal("employee-handbook.md", results.GetProperty("results")[0].GetProperty("sourceName").GetString());
        Assert.Contains("5 unused vacation days", answer.GetProperty("answer").GetString(), StringComparison.Ordinal);
    }
}
