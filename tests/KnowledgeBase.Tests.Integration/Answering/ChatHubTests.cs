using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace KnowledgeBase.Tests.Integration.Answering;

[Collection(SharedApp.Name)]
public sealed class ChatHubTests(AppFixture fixture)
{
    [Fact]
    public async Task Ask_streams_citations_first_then_tokens_then_done_citing_the_right_page()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        await using var hub = client.Hub();
        await hub.StartAsync();

        var events = await ChatEvents.AskAsync(hub, "How much is the FlexFit allowance?");

        Assert.Equal("retrieval", events[0].Type());
        Assert.Equal("done", events[^1].Type());
        Assert.All(events[1..^2], e => Assert.Equal("token", e.Type()));
        Assert.Equal("citations", events[^2].Type());
        Assert.True(events.Count > 5, "the answer streams as several tokens");

        var done = events[^1];
        Assert.Equal("extractive", done.GetProperty("mode").GetString());
        var cited = done.GetProperty("citedNumbers").EnumerateArray().Select(n => n.GetInt32()).ToList();
        var answer = events.AnswerText();
        Assert.Contains("600 EUR", answer, StringComparison.Ordinal);
        Assert.NotEmpty(cited);
        Assert.All(cited, n => Assert.Contains($"[{n}]", answer, StringComparison.Ordinal));

        // The sentence with the answer is on page 3 of the benefits guide: a cited source must say so.
        var citations = events[0].GetProperty("citations").EnumerateArray().ToList();
        var citedSources = citations.Where(c => cited.Contains(c.GetProperty("number").GetInt32())).ToList();
        Assert.Contains(citedSources, c =>
            c.GetProperty("sourceName").GetString() == "benefits-guide.pdf"
            && c.GetProperty("title").GetString() == "Benefits Guide 2025"
            && c.GetProperty("startPage").GetInt32() <= 3 && c.GetProperty("endPage").GetInt32() >= 3);
    }

    [Fact]
    public async Task An_employee_never_sees_a_document_outside_their_groups()
    {
        const string question = "What is the 2026 salary review budget?";
        using var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var hr = await fixture.App.SignInAsync(AppFixture.HrEmail, AppFixture.Password);
        await using var employeeHub = employee.Hub();
        await using var hrHub = hr.Hub();
        await employeeHub.StartAsync();
        await hrHub.StartAsync();

        var asEmployee = await ChatEvents.AskAsync(employeeHub, question);
        var asHr = await ChatEvents.AskAsync(hrHub, question);

        static IEnumerable<string> Sources(List<System.Text.Json.JsonElement> events) =>
            events[0].GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("sourceName").GetString()!);
        Assert.DoesNotContain(Sources(asEmployee), s => s.StartsWith("salary-review", StringComparison.Ordinal));
        Assert.DoesNotContain("4.2 percent", asEmployee.AnswerText(), StringComparison.Ordinal);
        Assert.Contains(Sources(asHr), s => s.StartsWith("salary-review", StringComparison.Ordinal));
        Assert.Contains("4.2 percent", asHr.AnswerText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_the_documents_do_not_answer_gets_a_plain_refusal()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        await using var hub = client.Hub();
        await hub.StartAsync();

        var events = await ChatEvents.AskAsync(hub, "What is the share price of Lumen Robotics on the stock exchange?");

        Assert.Equal("done", events[^1].Type());
        Assert.Contains("could not find an answer", events.AnswerText(), StringComparison.Ordinal);
        Assert.Empty(events[^1].GetProperty("citedNumbers").EnumerateArray());
    }

    [Fact]
    public async Task An_empty_question_ends_with_an_error_event()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        await using var hub = client.Hub();
        await hub.StartAsync();

        var events = await ChatEvents.AskAsync(hub, "   ");

        var error = Assert.Single(events);
        Assert.Equal("error", error.Type());
        Assert.Contains("empty", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_callers_cannot_connect_to_the_hub()
    {
        using var anonymous = await fixture.App.SignInAsync();
        await using var hub = anonymous.Hub();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
