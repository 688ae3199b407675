using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Documents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>
/// Gauges read from the database every <see cref="Interval"/>: documents by status, queued and running
/// ingestion jobs, the age of the oldest job waiting to be claimed, and the answer cache's entries. They describe the shared store, so
/// every Api instance reports the same values: aggregate them with max(), not sum().
/// </summary>
public sealed partial class StoreGauges(NpgsqlDataSource dataSource, TimeProvider time, ILogger<StoreGauges> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private static readonly string[] DocumentStatuses = [.. Enum.GetValues<DocumentStatus>().Select(StatusNames.Of)];
    private static readonly string[] JobStatuses = [StatusNames.Pending, StatusNames.Running];

    private const string Sql = $"""
        SELECT 'document', status, count(*)::float8 FROM documents GROUP BY status
        UNION ALL
        SELECT 'job', status, count(*)::float8 FROM ingestion_jobs WHERE status IN ('{StatusNames.Pending}', '{StatusNames.Running}') GROUP BY status
        UNION ALL
        SELECT 'oldest', '', COALESCE(EXTRACT(EPOCH FROM now() - min(available_at)), 0)::float8
        FROM ingestion_jobs WHERE status = '{StatusNames.Pending}' AND available_at <= now()
        UNION ALL
        SELECT 'cache', '', count(*)::float8 FROM answer_cache
        """;

    // Its own Meter (same name): disposing the service removes the gauges, so a stopped host reports nothing stale.
    private readonly Meter meter = new(KnowledgeBaseTelemetry.Name);
    private volatile Snapshot current = new(new Dictionary<string, double>(), new Dictionary<string, double>(), 0, 0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        meter.CreateObservableGauge("kb.documents", () => Measure(DocumentStatuses, current.Documents), "{document}", "Documents by status.");
        meter.CreateObservableGauge("kb.ingestion.queue.jobs", () => Measure(JobStatuses, current.Jobs), "{job}", "Ingestion jobs waiting (pending) or being processed (running).");
        meter.CreateObservableGauge("kb.ingestion.queue.oldest_age", () => current.OldestAgeSeconds, "s", "Age of the oldest ingestion job that is due and not yet claimed (0: none).");
        meter.CreateObservableGauge("kb.cache.entries", () => current.CacheEntries, "{entry}", "Answers in the answer cache.");

        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                current = await ReadAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                LogReadFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var documents = new Dictionary<string, double>();
        var jobs = new Dictionary<string, double>();
        double oldest = 0;
        double cacheEntries = 0;
        await using var command = dataSource.CreateCommand(Sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var value = reader.GetDouble(2);
            switch (reader.GetString(0))
            {
                case "document":
                    documents[reader.GetString(1)] = value;
                    break;
                case "job":
                    jobs[reader.GetString(1)] = value;
                    break;
                case "cache":
                    cacheEntries = value;
                    break;
                default:
                    oldest = value;
                    break;
            }
        }

        return new Snapshot(documents, jobs, oldest, cacheEntries);
    }

    // Every status is reported, zeros included, so a panel shows 0 rather than no data.
    private static IEnumerable<Measurement<double>> Measure(string[] statuses, IReadOnlyDictionary<string, double> counts) =>
        statuses.Select(s => new Measurement<double>(counts.GetValueOrDefault(s), new KeyValuePair<string, object?>("status", s)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the store's gauges failed; keeping the last values")]
    private partial void LogReadFailed(Exception e);

    public override void Dispose()
    {
        meter.Dispose();
        base.Dispose();
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, double> Documents, IReadOnlyDictionary<string, double> Jobs, double OldestAgeSeconds, double CacheEntries);
}
