using Npgsql;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>
/// The collection as a metric label, bounded: a collection that holds documents keeps its name (admins
/// create collections, so there are few), no collection is "all", and any other string a caller sent is
/// "other" — never an arbitrary request value, which would explode the number of series.
/// </summary>
public sealed class CollectionLabels(NpgsqlDataSource dataSource, TimeProvider time)
{
    public const string All = "all";
    public const string Other = "other";

    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private volatile HashSet<string> known = new(StringComparer.Ordinal);
    private long refreshedAt = long.MinValue;
    private int refreshing;

    public string Label(string? collection)
    {
        if (collection is null)
        {
            return All;
        }

        if (time.GetElapsedTime(Interlocked.Read(ref refreshedAt)) > MaxAge && Interlocked.CompareExchange(ref refreshing, 1, 0) == 0)
        {
            _ = RefreshAsync();
        }

        return known.Contains(collection) ? collection : Other;
    }

    /// <summary>Reads the collections that hold documents; a failure keeps the last list (labels only).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT DISTINCT collection FROM documents");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(cancellationToken))
            {
                names.Add(reader.GetString(0));
            }

            known = names;
            Interlocked.Exchange(ref refreshedAt, time.GetTimestamp());
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // Try again at the next label; metrics must never fail an answer.
        }
        finally
        {
            Interlocked.Exchange(ref refreshing, 0);
        }
    }
}
