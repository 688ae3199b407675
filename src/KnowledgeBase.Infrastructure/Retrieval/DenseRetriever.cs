using System.Diagnostics;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Telemetry;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace KnowledgeBase.Infrastructure.Retrieval;

/// <summary>Nearest chunks by cosine distance over the HNSW index, with the access filter in the same query.</summary>
public sealed class DenseRetriever(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        SELECT c.id, c.document_id, d.title, d.source_name, c.text, c.start_page, c.end_page, c.heading_path,
               1 - (c.embedding <=> @query) AS score
        FROM chunks c
        JOIN documents d ON d.id = c.document_id
        WHERE d.status = 'ready'
          AND (@all OR cardinality(d.access_groups) = 0 OR d.access_groups && @groups)
          AND (@collection::text IS NULL OR d.collection = @collection)
        ORDER BY c.embedding <=> @query
        LIMIT @k
        """;

    public async Task<IReadOnlyList<RetrievedChunk>> SearchAsync(
        ReadOnlyMemory<float> query, AccessScope scope, int k, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("retrieve dense");
        activity?.SetTag("kb.retrieval.k", k);

        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.AddWithValue("query", new Vector(query));
        command.Parameters.AddWithValue("all", scope.SeesEverything);
        command.Parameters.Add(new NpgsqlParameter("groups", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = scope.Groups.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("collection", NpgsqlDbType.Text) { Value = (object?)scope.Collection ?? DBNull.Value });
        command.Parameters.AddWithValue("k", k);

        var results = new List<RetrievedChunk>(k);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(new RetrievedChunk(
                reader.GetInt64(0),
                reader.GetGuid(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.GetString(7),
                reader.GetDouble(8)));
        }

        activity?.SetTag("kb.retrieval.results", results.Count);
        return results;
    }
}
