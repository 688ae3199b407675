using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Retrieval;

/// <summary>
/// Chunk count and average indexed length for BM25, of one collection (a scoped search scores as if the
/// collection were alone) or of all collections (an unscoped search), each refreshed at most every
/// <see cref="RetrievalOptions.StatisticsMaxAgeSeconds"/>: BM25 is insensitive to small drift, and counting
/// 100k rows per query would cost more than the search.
/// </summary>
public sealed class CorpusStatistics(NpgsqlDataSource dataSource, IOptions<RetrievalOptions> options, TimeProvider time)
{
    private TimeSpan MaxAge => TimeSpan.FromSeconds(options.Value.StatisticsMaxAgeSeconds);

    // Collection names come from requests: the cache is dropped rather than grown past this many.
    private const int MaxCollections = 1024;

    private readonly ConcurrentDictionary<string, Snapshot> byCollection = new(StringComparer.Ordinal);
    private volatile Snapshot? all;

    public sealed record Snapshot(long Chunks, double AverageLength, DateTimeOffset ReadAt);

    /// <param name="collection">The collection, or null for all collections together.</param>
    public async ValueTask<Snapshot> GetAsync(string? collection, CancellationToken cancellationToken)
    {
        var snapshot = collection is null ? all : byCollection.GetValueOrDefault(collection);
        if (snapshot is not null && time.GetUtcNow() - snapshot.ReadAt < MaxAge)
        {
            return snapshot;
        }

        await using var command = dataSource.CreateCommand(collection is null
            ? "SELECT count(*), coalesce(avg(term_count), 0)::float8 FROM chunks"
            : "SELECT count(*), coalesce(avg(c.term_count), 0)::float8 FROM documents d JOIN chunks c ON c.document_id = d.id WHERE d.collection = @collection");
        if (collection is not null)
        {
            command.Parameters.AddWithValue("collection", collection);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        snapshot = new Snapshot(reader.GetInt64(0), reader.GetDouble(1), time.GetUtcNow());
        if (collection is null)
        {
            all = snapshot;
        }
        else
        {
            if (byCollection.Count >= MaxCollections)
            {
                byCollection.Clear();
            }

            byCollection[collection] = snapshot;
        }

        return snapshot;
    }
}
