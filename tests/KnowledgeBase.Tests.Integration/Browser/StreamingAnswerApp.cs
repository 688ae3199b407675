using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>
/// The app answering with a language model (a fake OpenAI server) whose first token comes a moment
/// after the sources, so a browser can see the order; one public document, one admin.
/// </summary>
public sealed class StreamingAnswerApp : IAsyncLifetime
{
    public const string AdminEmail = "e2e-admin@test.example";
    public const string PublicTitle = "Canteen Notice";

    public FakeChatServer Model { get; private set; } = null!;

    public TestDatabase Database { get; private set; } = null!;

    public KnowledgeBaseApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await FakeChatServer.StartAsync();
        Model.Behaviour = _ => ChatFault.SlowFirstToken;
        Model.Delay = TimeSpan.FromSeconds(1);
        Model.Answer = _ => "Volunteers get a **travel stipend** as the handbook says [1].";
        Database = await TestDatabase.CreateAsync();
        App = new KnowledgeBaseApp(Database.ConnectionString, new Dictionary<string, string>
        {
            ["Llm:Providers:0:Name"] = "primary",
            ["Llm:Providers:0:Model"] = "model-e2e",
            ["Llm:Providers:0:Endpoint"] = Model.BaseAddress.ToString(),
            ["Llm:Providers:0:ApiKey"] = "key-e2e",
        });
        var notice = Path.Combine(Path.GetTempPath(), $"canteen-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(notice, $"# {PublicTitle}\n\nThe canteen serves soup every Tuesday and closes at 15:00 on Fridays.");
        await App.IngestAsync(notice);
        File.Delete(notice);
        await App.AddUserAsync(AdminEmail, AppFixture.Password, Roles.Admin);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        await Model.DisposeAsync();
    }
}
