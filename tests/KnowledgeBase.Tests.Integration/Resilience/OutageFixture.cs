using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Resilience;

/// <summary>
/// The real host on a PostgreSQL cluster of its own (so the tests may stop it), answering with a model behind a
/// fake OpenAI-compatible server whose tokens come 60 ms apart, so answers are in flight when the database stops.
/// </summary>
public sealed class OutageFixture : IAsyncLifetime
{
    public const string Employee = "outage-employee@test.example";
    public const string Admin = "outage-admin@test.example";
    public const string Password = "long-enough-password";
    public const int RetryAfterSeconds = 2;

    /// <summary>The model's pace: an answer takes about a second, so some are in flight whenever the database stops.</summary>
    public static readonly TimeSpan TokenDelay = TimeSpan.FromMilliseconds(60);

    public PostgresCluster Cluster { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public FakeChatServer Server { get; private set; } = null!;

    public KnowledgeBaseApp App { get; private set; } = null!;

    public string ApiKey { get; private set; } = null!;

    /// <summary>Settings shared by every app of these tests.</summary>
    public Dictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["Llm:Providers:0:Model"] = "model-a",
            ["Llm:Providers:0:Endpoint"] = Server.BaseAddress.ToString(),
            ["Database:RetryAfterSeconds"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Every cookie request re-reads the user and every question reads the day's usage: both hit the database.
            ["Identity:PrincipalCacheSeconds"] = "1",
            ["Budgets:DailyTokensPerUser"] = "1000000000",
            ["Streaming:KeepAliveSeconds"] = "1",
            ["RateLimits:AskBurst"] = "100000",
            ["RateLimits:AskPerMinute"] = "100000",
            ["RateLimits:ApiKeyAskBurst"] = "100000",
            ["RateLimits:ApiKeyAskPerMinute"] = "100000",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task InitializeAsync()
    {
        Cluster = await PostgresCluster.StartAsync();
        Database = await Cluster.CreateDatabaseAsync();
        Server = await FakeChatServer.StartAsync();
        Server.TokenDelay = TokenDelay;
        // One retry in memory, then the spool: the outage outlasts it, so deferred answers take the durable path.
        App = new KnowledgeBaseApp(Database.ConnectionString, Settings(("AnswerRecovery:StoreRetries", "1")));
        var doc = Path.Combine(Path.GetTempPath(), $"flexfit-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(doc, "# FlexFit\n\nThe FlexFit fitness allowance gives every employee 600 EUR per calendar year.");
        await App.IngestAsync(doc);
        File.Delete(doc);
        await App.AddUserAsync(Employee, Password, Roles.Employee);
        await App.AddUserAsync(Admin, Password, Roles.Admin);
        using var admin = await App.SignInAsync(Admin, Password);
        var response = await admin.Http.PostAsJsonAsync("/api/keys", new { name = "outage bot", scopes = new[] { "ask" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        ApiKey = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await StartedParts.DisposeAsync(App, Server, Database, Cluster);
    }
}
