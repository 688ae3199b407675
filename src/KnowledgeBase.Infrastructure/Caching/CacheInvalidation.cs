using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Caching;

/// <summary>
/// Removes cached answers a document change makes stale, inside the transaction that makes the change (so no
/// reader sees the new document with the old answer): every entry built from the document, and, when a version
/// becomes searchable, the refusals ("not in the documents") of its collection and of all-collection questions.
/// </summary>
public static class CacheInvalidation
{
    private const string DocumentSql = "DELETE FROM answer_cache WHERE source_documents @> ARRAY[@document]::uuid[]";

    private const string RefusalsSql = """
        DELETE FROM answer_cache WHERE is_refusal AND (collection IS NULL OR collection = (SELECT collection FROM documents WHERE id = @document))
        """;

    /// <summary>A document was deleted, moved, re-grouped, re-queued or given a new version.</summary>
    public static Task DocumentChangedAsync(DbContext db, Guid documentId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(DocumentSql, [new NpgsqlParameter("document", documentId)], cancellationToken);

    /// <summary>A version of the document became searchable (ingestion committed): its entries and its collection's refusals go.</summary>
    public static async Task VersionSearchableAsync(NpgsqlConnection connection, Guid documentId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"{DocumentSql}; {RefusalsSql}", connection);
        command.Parameters.AddWithValue("document", documentId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
