using System.Security.Cryptography;
using System.Text;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Embeddings;
using KnowledgeBase.Infrastructure.Ingestion;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KnowledgeBase.Cli.Evaluation;

/// <summary>
/// Loads a BEIR corpus into its own collection through the product's chunk, embed and store steps
/// (each BEIR document is one document; its id is the source name). Embeddings are batched across
/// documents; documents already present are skipped, so an interrupted run resumes.
/// </summary>
internal sealed class BeirIndexer(IServiceProvider services)
{
    private const int DocumentsPerBatch = 48;

    /// <summary>
    /// The collection holds one indexing of the dataset: its name carries everything that changes the indexed
    /// text, vectors or postings, so a run with other settings indexes afresh instead of reusing a stale index.
    /// </summary>
    public static string CollectionName(string dataset, string model, ChunkingOptions chunking, RetrievalOptions retrieval) =>
        $"beir-{dataset}-{model}-{ChunkHeader.Style}-k{StructureAwareChunker.Version}-c{chunking.MaxTokens}o{chunking.OverlapTokens}-t{retrieval.TitleWeight}h{retrieval.HeadingWeight}-{retrieval.TextSearchConfiguration}"
            .ToLowerInvariant();

    public async Task IndexAsync(BeirDataset dataset, string collection, CancellationToken cancellationToken)
    {
        HashSet<string> present;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
            present = (await db.Documents.Where(d => d.Collection == collection && d.Status == DocumentStatus.Ready)
                .Select(d => d.SourceName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        }

        var missing = dataset.Corpus.Where(d => !present.Contains(d.Id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var chunk = services.GetRequiredService<ChunkStep>();
        var embed = services.GetRequiredService<EmbedStep>();
        var store = services.GetRequiredService<StoreStep>();
        var model = services.GetRequiredService<EmbeddingModel>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        var done = 0;
        foreach (var batch in missing.Chunk(DocumentsPerBatch))
        {
            var parsed = new List<(BeirDocument Document, IReadOnlyList<TextChunk> Chunks)>();
            foreach (var document in batch)
            {
                var chunks = await chunk.RunAsync(new ParsedDocument(document.Title, [new DocumentBlock(BlockKind.Paragraph, document.Text, null)], null, []), cancellationToken);
                if (chunks.Count > 0)
                {
                    parsed.Add((document, chunks));
                }
            }

            var texts = parsed.SelectMany(p => p.Chunks.Select(c => c.EmbeddingText)).ToList();
            var vectors = await embed.EmbedTextsAsync(texts, cancellationToken);

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var offset = 0;
            foreach (var (document, chunks) in parsed)
            {
                var id = Guid.CreateVersion7();
                await using (var insert = new NpgsqlCommand($$"""
                    INSERT INTO documents (id, title, source_name, content_type, sha256, size_bytes, status, collection, access_groups,
                                           page_count, chunk_count, warnings, embedding_model, version, created_at, updated_at)
                    VALUES (@id, @title, @source, 'text/plain', @sha, @size, '{{StatusNames.Ready}}', @collection, '{}', NULL, @chunks, '{}', @model, 1, now(), now())
                    """, connection))
                {
                    var bytes = Encoding.UTF8.GetBytes(document.Title + "\n" + document.Text);
                    insert.Parameters.AddWithValue("id", id);
                    insert.Parameters.AddWithValue("title", document.Title.Length > 0 ? document.Title : document.Id);
                    insert.Parameters.AddWithValue("source", document.Id);
                    // The id is part of the hash: two BEIR documents with the same text stay two documents.
                    insert.Parameters.AddWithValue("sha", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document.Id + "\n" + document.Title + "\n" + document.Text))));
                    insert.Parameters.AddWithValue("size", (long)bytes.Length);
                    insert.Parameters.AddWithValue("collection", collection);
                    insert.Parameters.AddWithValue("chunks", chunks.Count);
                    insert.Parameters.AddWithValue("model", model.Name);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }

                await store.RunAsync(new StoreInput(connection, id, document.Title, chunks, vectors.Skip(offset).Take(chunks.Count).ToList()), cancellationToken);
                offset += chunks.Count;
            }

            await transaction.CommitAsync(cancellationToken);
            done += batch.Length;
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write($"\rindexing {dataset.Name}: {done}/{missing.Count} documents");
            }
        }

        if (!Console.IsErrorRedirected)
        {
            Console.Error.WriteLine();
        }
    }
}
