using KnowledgeBase.Infrastructure;
using KnowledgeBase.Infrastructure.Ingestion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>The shared services (as the CLI and workers build them) over their own test database, without a web host.</summary>
public sealed class ServiceHost : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:KnowledgeBase"] = Database.ConnectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddKnowledgeBase(configuration);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async Task<IngestionResult> IngestAsync(string sourceName, byte[] content, string collection = "default", params string[] groups)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DocumentIngestor>()
            .IngestAsync(new IngestionRequest(sourceName, content, collection, groups), null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
