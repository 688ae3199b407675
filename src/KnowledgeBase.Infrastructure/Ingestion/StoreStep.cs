using System.Diagnostics;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Infrastructure.Retrieval;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>A document's new chunks and their vectors, to write on <paramref name="Connection"/> inside its open transaction.</summary>
public sealed record StoreInput(
    NpgsqlConnection Connection, Guid DocumentId, string Title, IReadOnlyList<TextChunk> Chunks, IReadOnlyList<ReadOnlyMemory<float>> Vectors);

/// <summary>
/// Pipeline step 4: replaces a document's chunks inside the caller's transaction (a concurrent
/// query sees the old chunks or the new ones, never a mix). Rows go in batches of one statement
/// each, which also computes the weighted keyword vector (title A, heading path B, text C) and
/// the BM25 postings.
/// </summary>
public sealed class StoreStep(KeywordIndex keywords, IOptions<RetrievalOptions> options) : IngestionStep<StoreInput, int>(IngestionStepName.Store)
{
    private const int BatchSize = 256;

    private const string InsertChunks = """
        INSERT INTO chunks (document_id, ordinal, text, token_count, start_page, end_page, heading_path, embedding, search_vector, term_count, page_starts)
        SELECT @document, u.ordinal, u.text, u.tokens, u.start_page, u.end_page, u.heading, u.embedding, v.vector,
               coalesce((SELECT sum(array_length(p.positions, 1)) FROM unnest(v.vector) p), 0), u.page_starts::int[]
        FROM unnest(@ordinals, @texts, @tokens, @starts, @ends, @headings, @embeddings, @page_starts)
             AS u(ordinal, text, tokens, start_page, end_page, heading, embedding, page_starts)
        CROSS JOIN LATERAL (SELECT setweight(to_tsvector(@config::regconfig, @title), 'A')
                                || setweight(to_tsvector(@config::regconfig, u.heading), 'B')
                                || setweight(to_tsvector(@config::regconfig, u.text), 'C') AS vector) v
        """;

    /// <summary>Returns the number of chunks stored.</summary>
    protected override async Task<int> ExecuteAsync(StoreInput input, Activity? activity, CancellationToken cancellationToken)
    {
        var (connection, documentId, title, chunks, vectors) = input;
        activity?.SetTag("kb.document.chunks", chunks.Count);

        await KeywordIndex.RemoveDocumentAsync(connection, documentId, cancellationToken);
        await using (var delete = new NpgsqlCommand("DELETE FROM chunks WHERE document_id = @document", connection))
        {
            delete.Parameters.AddWithValue("document", documentId);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        for (var start = 0; start < chunks.Count; start += BatchSize)
        {
            var batch = Enumerable.Range(start, Math.Min(BatchSize, chunks.Count - start)).ToList();
            await using var insert = new NpgsqlCommand(InsertChunks, connection);
            insert.Parameters.AddWithValue("document", documentId);
            insert.Parameters.AddWithValue("title", title);
            insert.Parameters.AddWithValue("config", options.Value.TextSearchConfiguration);
            insert.Parameters.AddWithValue("ordinals", batch.Select(i => chunks[i].Ordinal).ToArray());
            insert.Parameters.AddWithValue("texts", batch.Select(i => chunks[i].Text).ToArray());
            insert.Parameters.AddWithValue("tokens", batch.Select(i => chunks[i].TokenCount).ToArray());
            insert.Parameters.Add(new NpgsqlParameter("starts", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = batch.Select(i => chunks[i].StartPage).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter("ends", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = batch.Select(i => chunks[i].EndPage).ToArray() });
            insert.Parameters.AddWithValue("headings", batch.Select(i => chunks[i].HeadingPath).ToArray());
            insert.Parameters.AddWithValue("embeddings", batch.Select(i => new Vector(vectors[i])).ToArray());
            // Arrays of arrays cannot be unnested side by side: each chunk's page starts travel as an array literal of integers.
            insert.Parameters.AddWithValue("page_starts", batch.Select(i => "{" + string.Join(',', PageStarts.Flatten(chunks[i].PageStarts ?? [])) + "}").ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await keywords.AddDocumentAsync(connection, documentId, cancellationToken);
        return chunks.Count;
    }
}
