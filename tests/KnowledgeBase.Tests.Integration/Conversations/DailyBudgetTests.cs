using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace KnowledgeBase.Tests.Integration.Conversations;

/// <summary>
/// An app of its own with a tiny daily token budget. Extractive answers use no model tokens, so the spending
/// is seeded as stored answers, exactly as an LLM's reported usage would be stored.
/// </summary>
public sealed class DailyBudgetTests : IAsyncLifetime
{
    private const string Email = "spender@test.example";
    private const string Password = "long-enough-password";
    private TestDatabase database = null!;
    private KnowledgeBaseApp app = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        app = new KnowledgeBaseApp(database.ConnectionString, new Dictionary<string, string> { ["Budgets:DailyTokensPerUser"] = "1000" });
        await app.AddUserAsync(Email, Password, Roles.Employee);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Once_todays_tokens_reach_the_budget_every_transport_refuses_until_midnight_utc()
    {
        using var client = await app.SignInAsync(Email, Password);
        var userId = await database.ScalarAsync<string>($"SELECT id::text FROM users WHERE email = '{Email}'");
        // Yesterday's spending does not count; today's 999 tokens leave the user just under the budget.
        await SeedAnswerAsync(userId, "now() - interval '1 day'", 5000, 5000);
        await SeedAnswerAsync(userId, "now()", 600, 399);
        var underBudget = await client.Http.PostAsJsonAsync("/api/ask", new { question = "Is there anything?" });

        await SeedAnswerAsync(userId, "now()", 1, 0);
        var json = await client.Http.PostAsJsonAsync("/api/ask", new { question = "Is there anything?" });
        var stream = await client.Http.PostAsJsonAsync("/api/ask/stream", new { question = "Is there anything?" });
        var openAi = await client.Http.PostAsJsonAsync("/v1/chat/completions", new { model = "kb", messages = new[] { new { role = "user", content = "Is there anything?" } } });
        await using var hub = client.Hub();
        await hub.StartAsync();
        var events = await ChatEvents.AskAsync(hub, "Is there anything?");

        Assert.Equal(HttpStatusCode.OK, underBudget.StatusCode);
        foreach (var refused in new[] { json, stream, openAi })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
            var untilMidnight = (DateTime.UtcNow.Date.AddDays(1) - DateTime.UtcNow).TotalSeconds;
            Assert.InRange(retryAfter, untilMidnight - 60, untilMidnight + 60);
        }

        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        var detail = (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("daily budget of 1,000 tokens (1,000 used today)", detail, StringComparison.Ordinal);
        Assert.Contains("midnight UTC", detail, StringComparison.Ordinal);
        var openAiError = (await openAi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("insufficient_quota", openAiError.GetProperty("type").GetString());
        var error = Assert.Single(events);
        Assert.Equal("error", error.Type());
        Assert.Contains("daily budget", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private Task SeedAnswerAsync(string userId, string createdAt, int inputTokens, int outputTokens) =>
        database.SeedAnswerAsync(userId, Email, createdAt, inputTokens, outputTokens);
}
