using Microsoft.Extensions.Options;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Retrieval;

/// <summary>
/// Keeps the BM25 postings (<c>chunk_terms</c>) and the per-collection document frequencies
/// (<c>collection_lexeme_stats</c>) in step with a document's chunks and collection, inside the caller's
/// transaction. Each posting carries its document's collection, so a collection's scores and its
/// impact-ordered posting lists never depend on other collections.
/// <para>
/// Concurrency: every change first locks the document's row, so moving a document to another collection,
/// deleting it and storing a new version of it happen one after the other and each sees the postings the
/// previous one left. Statistics rows are changed by one statement in (lexeme, collection) order, so
/// concurrent writers queue instead of deadlocking. A document's postings are found through its chunks
/// (primary key prefix): <c>chunk_terms</c> has no document index, and scanning millions of postings per
/// document made ingesting and deleting slower as the database grew.
/// </para>
/// </summary>
public sealed class KeywordIndex(CorpusStatistics statistics, IOptions<RetrievalOptions> options)
{
    private const string LockDocument = "SELECT collection FROM documents WHERE id = @document FOR NO KEY UPDATE";

    private const string DocumentPostings = "chunk_id IN (SELECT id FROM chunks WHERE document_id = @document)";

    private const string Impact = "tf * (@k1 + 1) / (tf + @k1 * (1 - @b + @b * len / @avglen))";

    // BM25F-style field weights: an occurrence in the title (A) counts @title_weight times, in the heading
    // path (B) @heading_weight times, in the text once; length normalisation uses the unweighted length.
    private const string AddSql = $"""
        INSERT INTO chunk_terms (lexeme, chunk_id, document_id, collection, tf, len, impact)
        SELECT lexeme, chunk_id, document_id, @collection, tf, len, {Impact}
        FROM (SELECT p.lexeme, c.id AS chunk_id, c.document_id, c.term_count AS len,
                     (SELECT sum(CASE w WHEN 'A' THEN @title_weight WHEN 'B' THEN @heading_weight ELSE 1 END) FROM unnest(p.weights) w)::smallint AS tf
              FROM chunks c, unnest(c.search_vector) p
              WHERE c.document_id = @document) t;
        INSERT INTO collection_lexeme_stats (lexeme, collection, df)
        SELECT lexeme, @collection, count(*) FROM chunk_terms WHERE {DocumentPostings}
        GROUP BY lexeme ORDER BY lexeme
        ON CONFLICT (lexeme, collection) DO UPDATE SET df = collection_lexeme_stats.df + excluded.df;
        """;

    // Counts are taken from the postings' own collection, whatever the document row says.
    private const string RemoveSql = $"""
        {LockDocument};
        INSERT INTO collection_lexeme_stats (lexeme, collection, df)
        SELECT lexeme, collection, -count(*) FROM chunk_terms WHERE {DocumentPostings}
        GROUP BY lexeme, collection ORDER BY lexeme, collection
        ON CONFLICT (lexeme, collection) DO UPDATE SET df = collection_lexeme_stats.df + excluded.df;
        DELETE FROM chunk_terms WHERE {DocumentPostings};
        """;

    // One statement uncounts the old collection and counts the new one, in (lexeme, collection) order.
    private const string MoveSql = $"""
        INSERT INTO collection_lexeme_stats (lexeme, collection, df)
        SELECT lexeme, collection, sum(n)::int FROM (
            SELECT lexeme, collection, -count(*) AS n FROM chunk_terms WHERE {DocumentPostings} GROUP BY lexeme, collection
            UNION ALL
            SELECT lexeme, @collection, count(*) FROM chunk_terms WHERE {DocumentPostings} GROUP BY lexeme) x
        GROUP BY lexeme, collection ORDER BY lexeme, collection
        ON CONFLICT (lexeme, collection) DO UPDATE SET df = collection_lexeme_stats.df + excluded.df;
        UPDATE chunk_terms SET collection = @collection, impact = {Impact}
        WHERE {DocumentPostings} AND collection <> @collection;
        """;

    /// <summary>Writes the postings of the document's (new) chunks under its collection and counts their lexemes there.</summary>
    public async Task AddDocumentAsync(NpgsqlConnection connection, Guid documentId, CancellationToken cancellationToken)
    {
        string collection;
        await using (var lockDocument = new NpgsqlCommand(LockDocument, connection))
        {
            lockDocument.Parameters.AddWithValue("document", documentId);
            collection = (string?)await lockDocument.ExecuteScalarAsync(cancellationToken)
                ?? throw new InvalidOperationException($"Document {documentId} does not exist.");
        }

        await using var command = new NpgsqlCommand(AddSql, connection);
        command.Parameters.AddWithValue("document", documentId);
        command.Parameters.AddWithValue("collection", collection);
        await AddScoringAsync(command, collection, cancellationToken);
        command.Parameters.AddWithValue("title_weight", options.Value.TitleWeight);
        command.Parameters.AddWithValue("heading_weight", options.Value.HeadingWeight);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes the document's postings and uncounts their lexemes (call before its chunks go).</summary>
    public static async Task RemoveDocumentAsync(NpgsqlConnection connection, Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RemoveSql, connection);
        command.Parameters.AddWithValue("document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the document's postings and counts to <paramref name="collection"/>, re-weighting their impact with
    /// that collection's average length. Call in the transaction that changes the document's collection, after
    /// updating its row (which locks it).
    /// </summary>
    public async Task MoveDocumentAsync(NpgsqlConnection connection, Guid documentId, string collection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(MoveSql, connection);
        command.Parameters.AddWithValue("document", documentId);
        command.Parameters.AddWithValue("collection", collection);
        await AddScoringAsync(command, collection, cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task AddScoringAsync(NpgsqlCommand command, string collection, CancellationToken cancellationToken)
    {
        var corpus = await statistics.GetAsync(collection, cancellationToken);
        command.Parameters.AddWithValue("k1", options.Value.Bm25K1);
        command.Parameters.AddWithValue("b", options.Value.Bm25B);
        // A collection's first document has no average yet: a typical chunk length stands in.
        command.Parameters.AddWithValue("avglen", corpus.AverageLength > 0 ? corpus.AverageLength : 150.0);
    }
}
