using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Answering;

[Collection(SharedApp.Name)]
public sealed class AskHttpTests(AppFixture fixture)
{
    [Fact]
    public async Task Ask_returns_the_answer_with_its_cited_sources_as_json()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);

        var response = await client.Http.PostAsJsonAsync("/api/ask", new { question = "How much is the FlexFit allowance?" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("600 EUR", body.GetProperty("answer").GetString(), StringComparison.Ordinal);
        var cited = body.GetProperty("citedNumbers").EnumerateArray().Select(n => n.GetInt32()).ToList();
        Assert.Contains(body.GetProperty("citations").EnumerateArray(), c =>
            cited.Contains(c.GetProperty("number").GetInt32()) && c.GetProperty("sourceName").GetString() == "benefits-guide.pdf");
        Assert.Equal("extractive", body.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Ask_stream_sends_the_hub_events_as_server_sent_events_in_order()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);

        var response = await client.Http.PostAsJsonAsync("/api/ask/stream", new { question = "What is the hotel cap in London?" });
        var text = await response.Content.ReadAsStringAsync();
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n'))
            .Select(lines => (Type: lines.First(l => l.StartsWith("event: ", StringComparison.Ordinal))[7..], Data: JsonDocument.Parse(lines.First(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..]).RootElement))
            .ToList();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("retrieval", events[0].Type);
        Assert.Equal("done", events[^1].Type);
        Assert.All(events[1..^2], e => Assert.Equal("token", e.Type));
        Assert.Equal("citations", events[^2].Type);
        Assert.Equal("retrieval", events[0].Data.GetProperty("type").GetString());
        Assert.NotEmpty(events[0].Data.GetProperty("citations").EnumerateArray());
        Assert.Contains("230 EUR", string.Concat(events.Where(e => e.Type == "token").Select(e => e.Data.GetProperty("text").GetString())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/ask")]
    [InlineData("/api/ask/stream")]
    public async Task An_empty_question_is_a_400_problem_before_anything_streams(string path)
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);

        var response = await client.Http.PostAsJsonAsync(path, new { question = " " });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The question is empty.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/ask")]
    [InlineData("/api/ask/stream")]
    public async Task Anonymous_callers_get_401(string path)
    {
        using var client = await fixture.App.SignInAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.PostAsJsonAsync(path, new { question = "hello?" })).StatusCode);
    }
}

/// <summary>An app of its own with a tiny per-user question budget.</summary>
public sealed class AskRateLimitTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private KnowledgeBaseApp app = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        app = new KnowledgeBaseApp(database.ConnectionString, new Dictionary<string, string> { ["RateLimits:AskBurst"] = "2", ["RateLimits:AskPerMinute"] = "6" });
        await app.AddUserAsync("a@test.example", "long-enough-password", Roles.Employee);
        await app.AddUserAsync("b@test.example", "long-enough-password", Roles.Employee);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_question_after_the_limit_gets_429_with_retry_after_and_other_users_are_unaffected()
    {
        using var a = await app.SignInAsync("a@test.example", "long-enough-password");
        using var b = await app.SignInAsync("b@test.example", "long-enough-password");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 3; i++)
        {
            var response = await a.Http.PostAsJsonAsync("/api/ask", new { question = "Is there anything?" });
            statuses.Add(response.StatusCode);
            rejected = response.StatusCode == HttpStatusCode.TooManyRequests ? response : rejected;
        }

        var other = await b.Http.PostAsJsonAsync("/api/ask", new { question = "Is there anything?" });

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(rejected!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.Contains("try again in", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task The_hub_and_the_openai_endpoint_share_the_http_limit_and_refuse_with_an_error_saying_when_to_retry()
    {
        using var a = await app.SignInAsync("a@test.example", "long-enough-password");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await a.Http.PostAsJsonAsync("/api/ask", new { question = "Is there anything?" })).StatusCode);
        }

        await using var hub = a.Hub();
        await hub.StartAsync();
        var events = await ChatEvents.AskAsync(hub, "Is there anything?");
        var openAi = await a.Http.PostAsJsonAsync("/v1/chat/completions", new { model = "kb", messages = new[] { new { role = "user", content = "Is there anything?" } } });

        var error = Assert.Single(events);
        Assert.Equal("error", error.Type());
        Assert.Matches(@"try again in \d+ s", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, openAi.StatusCode);
        Assert.True(openAi.Headers.Contains("Retry-After"));
        Assert.Equal("rate_limit_exceeded", (await openAi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
    }
}
