using Npgsql;

namespace KnowledgeBase.Infrastructure.Retrieval;

/// <summary>
/// Chunk count and average indexed length for BM25, refreshed at most every 30 seconds: BM25 is
/// insensitive to small drift, and counting 100k rows per query would cost more than the search.
/// </summary>
public sealed class CorpusStatistics(NpgsqlDataSource dataSource, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private volatile Snapshot? current;

    public sealed record Snapshot(long Chunks, double AverageLength, DateTimeOffset ReadAt);

    public async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = current;
        if (snapshot is not null && time.GetUtcNow() - snapshot.ReadAt < MaxAge)
        {
            return snapshot;
        }

        await using var command = dataSource.CreateCommand("SELECT count(*), coalesce(avg(term_count), 0)::float8 FROM chunks");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        snapshot = new Snapshot(reader.GetInt64(0), reader.GetDouble(1), time.GetUtcNow());
        current = snapshot;
        return snapshot;
    }
}
