using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Retrieval;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Retrieval;

/// <summary>
/// A search scoped to a collection is BM25 over that collection alone: adding another collection that is
/// full of the query's terms changes neither its ranking nor its scores, on the fast path (few postings
/// read per term) as well.
/// </summary>
public sealed class CollectionIsolationTests : IAsyncLifetime
{
    private const string Query = "quorvex plindar";

    // Five candidates and ten postings per term: the small collection's twelve matching chunks are more
    // than one term's budget, so the fast path (not its exact fallback) answers, reading a cut list.
    private readonly ServiceHost host = new(new Dictionary<string, string?>
    {
        ["Retrieval:KeywordPostingsPerTerm"] = "10",
        ["Retrieval:Candidates"] = "5",
        ["Retrieval:PassageTokens"] = "0",
        // Ingestion reads the statistics mid-way (for postings' impact); a cached, half-ingested count would
        // make "before" differ from "after" whenever ingesting the noise takes longer than the cache's age.
        ["Retrieval:StatisticsMaxAgeSeconds"] = "0",
    });

    public async Task InitializeAsync()
    {
        await host.InitializeAsync();
        await host.StartWorkersAsync();
    }

    public Task DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_collections_keyword_ranking_and_scores_do_not_change_when_another_collection_uses_the_same_terms()
    {
        var fillers = new[] { "ledger", "meadow", "harbour", "lantern", "orchard", "quarry", "summit", "thistle", "willow", "cobalt", "ember", "falcon" };
        for (var i = 0; i < fillers.Length; i++)
        {
            // Term frequencies and lengths differ per document, so the ranking has something to order.
            var words = Enumerable.Repeat("quorvex", 1 + (i % 3)).Concat(Enumerable.Repeat("plindar", i % 2))
                .Concat(Enumerable.Range(0, 10 + (3 * i)).Select(n => $"{fillers[i]}{n % 5}"));
            await IngestAsync($"handbook-{i}.md", $"# Note {fillers[i]}\n\n{string.Join(' ', words)}.\n", "handbook");
        }

        var before = await SearchAsync("handbook");

        for (var i = 0; i < 6; i++)
        {
            // Short paragraphs dense in the query terms: their postings have the highest impact of all.
            var paragraphs = Enumerable.Range(0, 60).Select(p => $"Quorvex plindar quorvex plindar quorvex, section {i}-{p}.");
            await IngestAsync($"noise-{i}.md", $"# Bulletin {i}\n\n{string.Join("\n\n", paragraphs)}\n", "noise");
        }

        var after = await SearchAsync("handbook");

        Assert.Equal(5, before.Count);
        Assert.Equal(before.Select(r => (r.ChunkId, r.KeywordScore)), after.Select(r => (r.ChunkId, r.KeywordScore)));
        Assert.True(await host.Database.ScalarAsync<long>("SELECT count(*) FROM chunk_terms WHERE collection = 'noise' AND lexeme = 'quorvex'") > 10,
            "the other collection must hold more postings of the term than one term's budget");
    }

    private async Task IngestAsync(string name, string text, string collection)
    {
        var (_, job) = await host.IngestAsync(name, System.Text.Encoding.UTF8.GetBytes(text), collection);
        Assert.Equal(Infrastructure.Documents.JobStatus.Done, job?.Status);
    }

    private async Task<IReadOnlyList<RetrievedChunk>> SearchAsync(string collection)
    {
        var vector = await host.Services.GetRequiredService<QueryEmbedder>().EmbedAsync(Query, CancellationToken.None);
        return await host.Services.GetRequiredService<HybridRetriever>()
            .SearchAsync(Query, vector, AccessScope.Everything(collection), 5, RetrievalMode.Keyword, CancellationToken.None);
    }
}
