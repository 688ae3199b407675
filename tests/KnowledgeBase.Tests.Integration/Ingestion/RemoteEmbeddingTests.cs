using System.Text;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Retrieval;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Ingestion;

/// <summary>Embeddings from an OpenAI-compatible endpoint (a real HTTP server), recorded per document so models never mix.</summary>
public sealed class RemoteEmbeddingTests : IAsyncLifetime
{
    private FakeOpenAiServer server = null!;
    private ServiceHost host = null!;

    public async Task InitializeAsync()
    {
        server = await FakeOpenAiServer.StartAsync();
        host = new ServiceHost(new()
        {
            ["Embeddings:Provider"] = "OpenAI",
            ["Embeddings:Endpoint"] = server.BaseAddress.ToString(),
            ["Embeddings:Model"] = "fake-embed-384",
            ["Embeddings:ApiKey"] = "test-key-123",
        });
        await host.InitializeAsync();
        await host.StartWorkersAsync();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Documents_are_embedded_by_the_configured_endpoint_and_dense_search_only_compares_the_same_model()
    {
        var (first, firstJob) = await host.IngestAsync("canteen.md", Encoding.UTF8.GetBytes("# Canteen\n\nThe canteen serves vegetarian lasagne on Wednesdays."));
        var (second, _) = await host.IngestAsync("parking.md", Encoding.UTF8.GetBytes("# Parking\n\nThe vegetarian lasagne is also sold at the parking kiosk."));

        Assert.Equal(JobStatus.Done, firstJob!.Status);
        Assert.Equal("fake-embed-384", await host.Database.ScalarAsync<string>($"SELECT embedding_model FROM documents WHERE id = '{first.DocumentId}'"));
        Assert.All(server.Requests, r =>
        {
            Assert.Equal("Bearer test-key-123", r.Authorization);
            Assert.Equal(384, r.Body.GetProperty("dimensions").GetInt32());
            Assert.Equal("fake-embed-384", r.Body.GetProperty("model").GetString());
        });

        // A document embedded by another model must never be compared by vector (keyword search may still find it).
        await host.Database.ScalarAsync<int>($"UPDATE documents SET embedding_model = 'some-other-model' WHERE id = '{second.DocumentId}' RETURNING 1");
        var retriever = host.Services.GetRequiredService<HybridRetriever>();
        var vector = await host.Services.GetRequiredService<QueryEmbedder>().EmbedAsync("vegetarian lasagne", CancellationToken.None);
        var dense = await retriever.SearchAsync("vegetarian lasagne", vector, AccessScope.Everything(), 10, RetrievalMode.Dense, CancellationToken.None);
        var keyword = await retriever.SearchAsync("vegetarian lasagne", vector, AccessScope.Everything(), 10, RetrievalMode.Keyword, CancellationToken.None);

        Assert.Equal([first.DocumentId!.Value], dense.Select(r => r.DocumentId).Distinct());
        Assert.Contains(keyword, r => r.DocumentId == second.DocumentId);
    }
}
