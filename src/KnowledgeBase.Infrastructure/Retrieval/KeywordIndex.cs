using Microsoft.Extensions.Options;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Retrieval;

/// <summary>
/// Keeps the BM25 postings (<c>chunk_terms</c>) and document frequencies (<c>lexeme_stats</c>) in
/// step with a document's chunks, inside the caller's transaction. Statistics rows are touched in
/// lexeme order so concurrent writers queue instead of deadlocking. A document's postings are found
/// through its chunks (primary key prefix): <c>chunk_terms</c> has no document index, and scanning
/// millions of postings per document made ingesting and deleting slower as the database grew.
/// </summary>
public sealed class KeywordIndex(CorpusStatistics statistics, IOptions<RetrievalOptions> options)
{
    // BM25F-style field weights: an occurrence in the title (A) counts @title_weight times, in the heading
    // path (B) @heading_weight times, in the text once; length normalisation uses the unweighted length.
    private const string AddSql = """
        INSERT INTO chunk_terms (lexeme, chunk_id, document_id, tf, len, impact)
        SELECT t.lexeme, t.chunk_id, t.document_id, t.tf, t.len, t.tf * (@k1 + 1) / (t.tf + @k1 * (1 - @b + @b * t.len / @avglen))
        FROM (SELECT p.lexeme, c.id AS chunk_id, c.document_id, c.term_count AS len,
                     (SELECT sum(CASE w WHEN 'A' THEN @title_weight WHEN 'B' THEN @heading_weight ELSE 1 END) FROM unnest(p.weights) w)::smallint AS tf
              FROM chunks c, unnest(c.search_vector) p
              WHERE c.document_id = @document) t;
        INSERT INTO lexeme_stats (lexeme, df)
        SELECT lexeme, count(*) FROM chunk_terms WHERE chunk_id IN (SELECT id FROM chunks WHERE document_id = @document)
        GROUP BY lexeme ORDER BY lexeme
        ON CONFLICT (lexeme) DO UPDATE SET df = lexeme_stats.df + excluded.df;
        """;

    private const string RemoveSql = """
        UPDATE lexeme_stats s SET df = s.df - x.n
        FROM (SELECT lexeme, count(*) AS n FROM chunk_terms WHERE chunk_id IN (SELECT id FROM chunks WHERE document_id = @document)
              GROUP BY lexeme ORDER BY lexeme) x
        WHERE s.lexeme = x.lexeme;
        DELETE FROM chunk_terms WHERE chunk_id IN (SELECT id FROM chunks WHERE document_id = @document);
        """;

    /// <summary>Writes the postings of the document's (new) chunks and counts their lexemes.</summary>
    public async Task AddDocumentAsync(NpgsqlConnection connection, Guid documentId, CancellationToken cancellationToken)
    {
        var corpus = await statistics.GetAsync(cancellationToken);
        await using var command = new NpgsqlCommand(AddSql, connection);
        command.Parameters.AddWithValue("document", documentId);
        command.Parameters.AddWithValue("k1", options.Value.Bm25K1);
        command.Parameters.AddWithValue("b", options.Value.Bm25B);
        command.Parameters.AddWithValue("title_weight", options.Value.TitleWeight);
        command.Parameters.AddWithValue("heading_weight", options.Value.HeadingWeight);
        command.Parameters.AddWithValue("avglen", corpus.AverageLength > 0 ? corpus.AverageLength : 150.0);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes the document's postings and uncounts their lexemes (call before its chunks go).</summary>
    public static async Task RemoveDocumentAsync(NpgsqlConnection connection, Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RemoveSql, connection);
        command.Parameters.AddWithValue("document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
