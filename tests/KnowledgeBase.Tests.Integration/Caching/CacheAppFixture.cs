using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Caching;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Caching;

/// <summary>
/// The real host with the answer cache on, answering through a fake OpenAI-compatible server (model-a, then
/// model-b), then a fake Anthropic server (Claude): an open FlexFit document, a parking document only the hr group
/// reads, and a document in another collection. Each test starts from an empty cache.
/// </summary>
public sealed class CacheAppFixture : IAsyncLifetime
{
    public const string Password = "long-enough-password";
    public const string Employee = "cache-employee@test.example";
    public const string HrUser = "cache-hr@test.example";
    public const string FinanceUser = "cache-finance@test.example";
    public const string Admin = "cache-admin@test.example";

    public const string ClaudeModel = "claude-test";
    public const string ClaudeKey = "key-claude";

    public TestDatabase Database { get; private set; } = null!;

    public FakeChatServer Server { get; private set; } = null!;

    public FakeAnthropicServer Anthropic { get; private set; } = null!;

    public KnowledgeBaseApp App { get; private set; } = null!;

    public Dictionary<string, string> Settings { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeChatServer.StartAsync();
        Server.Delay = TimeSpan.FromSeconds(20);
        Database = await TestDatabase.CreateAsync();
        Anthropic = await FakeAnthropicServer.StartAsync();
        // Claude is the last model of the chain: it answers when both OpenAI-compatible models fail.
        Settings = new Dictionary<string, string>(Server.ChainSettings())
        {
            ["Cache:Enabled"] = "true",
            ["Llm:Providers:2:Name"] = "claude",
            ["Llm:Providers:2:Type"] = "Anthropic",
            ["Llm:Providers:2:Model"] = ClaudeModel,
            ["Llm:Providers:2:Endpoint"] = Anthropic.BaseAddress.ToString(),
            ["Llm:Providers:2:ApiKey"] = ClaudeKey,
            ["Llm:Pricing:model-a:CachedInputPerMillion"] = "100",
            [$"Llm:Pricing:{ClaudeModel}:InputPerMillion"] = "3000",
            [$"Llm:Pricing:{ClaudeModel}:CachedInputPerMillion"] = "300",
            [$"Llm:Pricing:{ClaudeModel}:CacheWriteInputPerMillion"] = "3750",
            [$"Llm:Pricing:{ClaudeModel}:OutputPerMillion"] = "15000",
            ["Llm:Resilience:MaxRetries"] = "0",
            // Faults here are refusals (503), never stalls: a loaded machine's slow first call must not count as one.
            ["Llm:Resilience:FirstTokenSeconds"] = "10",
            ["Llm:Resilience:IdleSeconds"] = "10",
            ["Llm:Resilience:TotalSeconds"] = "30",
            // The fake model's canned answer adds a sentence no source holds; flagged answers are never cached, and these
            // tests are about what is cached (GroundednessGuardrailTests cover the flag).
            ["Guardrails:Actions:groundedness"] = "off",
            ["Guardrails:Actions:citation.unsupported"] = "off",
        };
        App = new KnowledgeBaseApp(Database.ConnectionString, Settings);
        await IngestTextAsync("flexfit.md", "# FlexFit\n\nThe FlexFit fitness allowance gives every employee 600 EUR per calendar year. It is not paid in cash.");
        await IngestTextAsync("parking.md", "# Parking\n\nStaff of the hr group park in garage B on level 2; the garage opens at 6 am.", "default", "hr");
        await IngestTextAsync("travel.md", "# Travel\n\nThe FlexFit allowance does not apply to travel; trains are booked in second class.", "travel");
        await App.AddUserAsync(Employee, Password, Roles.Employee);
        await App.AddUserAsync(HrUser, Password, Roles.Employee, "hr");
        await App.AddUserAsync(FinanceUser, Password, Roles.Employee, "finance");
        await App.AddUserAsync(Admin, Password, Roles.Admin);
    }

    public async Task<Guid> IngestTextAsync(string name, string text, string collection = "default", params string[] groups)
    {
        var (upload, _) = await JobWaiter.UploadAndWaitAsync(App.Services, name, Encoding.UTF8.GetBytes(text), collection, groups);
        return upload.DocumentId!.Value;
    }

    public async Task PurgeAsync()
    {
        await App.Services.GetRequiredService<AnswerCache>().PurgeAsync(null, CancellationToken.None);
        Server.Reset();
        Anthropic.Reset();
    }

    /// <summary>An API key with the ask scope and the given groups.</summary>
    public async Task<HttpClient> KeyClientAsync(params string[] groups)
    {
        using var admin = await App.SignInAsync(Admin, Password);
        var response = await admin.Http.PostAsJsonAsync("/api/keys", new { name = $"cache-{Guid.NewGuid():N}", scopes = new[] { ApiKeyScopes.Ask }, groups });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return App.ApiKeyClient((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        await Server.DisposeAsync();
        await Anthropic.DisposeAsync();
    }
}

/// <summary>The cache tests share one app (and one Chromium for the browser test), one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class CacheApp : ICollectionFixture<CacheAppFixture>, ICollectionFixture<Browser.BrowserFixture>
{
    public const string Name = "Answer cache app";
}
