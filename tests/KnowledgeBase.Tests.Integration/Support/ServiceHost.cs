using KnowledgeBase.Infrastructure;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Ingestion.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>
/// The shared services (as the CLI and the Worker build them) over their own test database and
/// blob folder, without a web host. Workers are started on demand.
/// </summary>
public sealed class ServiceHost : IAsyncLifetime
{
    private readonly Dictionary<string, string?> settings;
    private IngestionWorker? worker;

    public ServiceHost()
        : this([])
    {
    }

    public ServiceHost(Dictionary<string, string?> settings) => this.settings = settings;

    public TestDatabase Database { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public string BlobRoot { get; } = Directory.CreateTempSubdirectory("kb-blobs-").FullName;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:KnowledgeBase"] = Database.ConnectionString,
                ["Storage:Root"] = BlobRoot,
                ["Workers:PollSeconds"] = "1",
            })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddKnowledgeBase(configuration);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async Task StartWorkersAsync()
    {
        worker ??= Services.GetRequiredService<IngestionWorker>();
        await worker.StartAsync(CancellationToken.None);
    }

    public async Task StopWorkersAsync()
    {
        if (worker is not null)
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    public Task<(UploadResult Upload, IngestionJob? Job)> IngestAsync(string fileName, byte[] content, string collection = "default", Guid? replaces = null, params string[] groups) =>
        JobWaiter.UploadAndWaitAsync(Services, fileName, content, collection, groups, replaces);

    public async Task<UploadResult> UploadAsync(string fileName, byte[] content, string collection = "default")
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DocumentService>().UploadAsync(
            new UploadRequest(fileName, new MemoryStream(content), collection, []), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await StopWorkersAsync();
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(BlobRoot, recursive: true);
    }
}
