using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Retrieval;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Retrieval;

/// <summary>
/// The same documents exist in group "alpha" and, nearly identical, in group "bravo". For 100 random
/// queries per retriever, a caller of one group never gets a chunk of the other group's copies.
/// </summary>
public sealed class AccessControlTests(AccessControlTests.Corpus corpus) : IClassFixture<AccessControlTests.Corpus>
{
    public sealed class Corpus : IAsyncLifetime
    {
        public ServiceHost Host { get; } = new();

        public Dictionary<Guid, string[]> GroupsByDocument { get; } = [];

        public List<string> Vocabulary { get; } = [];

        public async Task InitializeAsync()
        {
            await Host.InitializeAsync();
            await Host.StartWorkersAsync();
            var files = Directory.GetFiles(RepositoryPaths.SampleDocs).Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)).Order().ToList();
            foreach (var file in files)
            {
                var bytes = await File.ReadAllBytesAsync(file);
                foreach (var group in new[] { "alpha", "bravo" })
                {
                    // The bravo copy differs by a trailing line, so it is a separate document with near-identical chunks.
                    byte[] content = group == "alpha" ? bytes
                        : file.EndsWith(".pdf", StringComparison.Ordinal) ? [.. bytes, .. "\n% bravo copy\n"u8.ToArray()]
                        : [.. bytes, .. "\n\nBravo team copy.\n"u8.ToArray()];
                    var (upload, job) = await Host.IngestAsync($"{group}-{Path.GetFileName(file)}", content, "acl", null, group);
                    Assert.Equal(Infrastructure.Documents.JobStatus.Done, job?.Status);
                    GroupsByDocument[upload.DocumentId!.Value] = [group];
                }

                if (!file.EndsWith(".pdf", StringComparison.Ordinal))
                {
                    Vocabulary.AddRange(System.Text.Encoding.UTF8.GetString(bytes).Split([' ', '\n', '\t', '.', ',', '(', ')', ':', '<', '>', '"', '#', '|'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3 && w.All(char.IsLetter)));
                }
            }
        }

        public Task DisposeAsync() => Host.DisposeAsync();
    }

    [Theory]
    [InlineData(RetrievalMode.Dense)]
    [InlineData(RetrievalMode.Keyword)]
    [InlineData(RetrievalMode.Hybrid)]
    public async Task No_retriever_returns_a_chunk_outside_the_callers_groups(RetrievalMode mode)
    {
        var embedder = corpus.Host.Services.GetRequiredService<QueryEmbedder>();
        var retriever = corpus.Host.Services.GetRequiredService<HybridRetriever>();
        var random = new Random(20261127 + (int)mode);
        var nonEmpty = 0;
        for (var i = 0; i < 100; i++)
        {
            var query = string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => corpus.Vocabulary[random.Next(corpus.Vocabulary.Count)]));
            var vector = await embedder.EmbedAsync(query, CancellationToken.None);
            foreach (var group in new[] { "alpha", "bravo" })
            {
                var results = await retriever.SearchAsync(query, vector, new AccessScope([group], false), 10, mode, CancellationToken.None);
                nonEmpty += results.Count > 0 ? 1 : 0;
                Assert.All(results, r => Assert.Contains(group, corpus.GroupsByDocument[r.DocumentId]));
            }
        }

        // The filter must not pass by returning nothing.
        Assert.True(nonEmpty > 150, $"only {nonEmpty} of 200 searches returned anything");
    }

    [Fact]
    public async Task A_caller_without_groups_sees_no_group_documents_and_an_admin_sees_both()
    {
        var embedder = corpus.Host.Services.GetRequiredService<QueryEmbedder>();
        var retriever = corpus.Host.Services.GetRequiredService<HybridRetriever>();
        var vector = await embedder.EmbedAsync("hotel cap London", CancellationToken.None);

        var nobody = await retriever.SearchAsync("hotel cap London", vector, new AccessScope([], false), 10, RetrievalMode.Hybrid, CancellationToken.None);
        var admin = await retriever.SearchAsync("hotel cap London", vector, AccessScope.Everything(), 20, RetrievalMode.Hybrid, CancellationToken.None);

        Assert.Empty(nobody);
        Assert.Contains(admin, r => corpus.GroupsByDocument[r.DocumentId][0] == "alpha");
        Assert.Contains(admin, r => corpus.GroupsByDocument[r.DocumentId][0] == "bravo");
    }
}
