namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>A class fixture: a <see cref="ServiceHost"/> whose ingestion workers run from the start.</summary>
public sealed class ServiceHostWithWorkers : IAsyncLifetime
{
    public ServiceHost Services { get; } = new();

    public async Task InitializeAsync()
    {
        await Services.InitializeAsync();
        await Services.StartWorkersAsync();
    }

    public Task DisposeAsync() => Services.DisposeAsync();
}
