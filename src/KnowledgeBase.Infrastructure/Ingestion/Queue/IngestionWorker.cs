using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Ingestion.Queue;

/// <summary>
/// Claims and processes ingestion jobs: <see cref="WorkerOptions.Concurrency"/> loops per process,
/// woken by LISTEN/NOTIFY with a polling fallback, each job under a lease renewed by a heartbeat.
/// Bad input fails at once; other errors are retried with exponential backoff and jitter up to
/// <see cref="WorkerOptions.MaxAttempts"/>; on shutdown the held jobs are released for others.
/// </summary>
public sealed partial class IngestionWorker(
    JobQueue queue,
    IngestionProcessor processor,
    NpgsqlDataSource dataSource,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<IngestionWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var workerBase = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
        var loops = Enumerable.Range(0, settings.Concurrency).Select(i => RunLoopAsync($"{workerBase}:{i}", stoppingToken)).ToList();
        loops.Add(ListenAsync(stoppingToken));
        await Task.WhenAll(loops);
    }

    private async Task RunLoopAsync(string workerId, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            ClaimedJob? job = null;
            try
            {
                job = await queue.ClaimAsync(workerId, lease, stoppingToken);
                if (job is null)
                {
                    await wake.WaitAsync(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken);
                    continue;
                }

                if (job.Attempts > settings.MaxAttempts)
                {
                    await AbandonAsync(job, settings.MaxAttempts);
                    continue;
                }

                await ProcessAsync(job, lease, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database itself is unavailable: back off, the lease (if any) will expire.
                LogLoopError(e, workerId);
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ProcessAsync(ClaimedJob job, TimeSpan lease, CancellationToken stoppingToken)
    {
        using var leaseLost = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leaseLost.Token);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(job, lease, leaseLost, heartbeatStop.Token);
        try
        {
            var version = await processor.ProcessAsync(job, linked.Token);
            if (version is null)
            {
                LogLeaseLost(job.Id, job.WorkerId);
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Whatever the cancelled step threw (ONNX reports cancellation as its own exception), shutting down is not a failure.
            await queue.ReleaseAsync(job, CancellationToken.None);
            LogReleased(job.Id);
        }
        catch (Exception) when (leaseLost.IsCancellationRequested)
        {
            LogLeaseLost(job.Id, job.WorkerId);
        }
        catch (DocumentRejectedException e)
        {
            IngestionMetrics.Failures.Add(1, new KeyValuePair<string, object?>("kind", "rejected"));
            await queue.FailAsync(job, Truncate(e.Message), null, CancellationToken.None);
            LogRejected(job.SourceName, e.Message);
        }
        catch (Exception e)
        {
            var settings = options.Value;
            var exhausted = job.Attempts >= settings.MaxAttempts;
            IngestionMetrics.Failures.Add(1, new KeyValuePair<string, object?>("kind", exhausted ? "exhausted" : "transient"));
            var reason = exhausted ? $"Gave up after {job.Attempts} attempts: {e.Message}" : e.Message;
            await queue.FailAsync(job, Truncate(reason), exhausted ? null : time.GetUtcNow() + RetryDelay(job.Attempts, settings), CancellationToken.None);
            LogTransient(e, job.SourceName, job.Attempts);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>
    /// Attempts are counted when a job is claimed, so one whose workers died on it (a file that crashes the
    /// process, or kills it by memory) comes back with its attempts spent: it fails instead of running again.
    /// </summary>
    private async Task AbandonAsync(ClaimedJob job, int maxAttempts)
    {
        IngestionMetrics.Failures.Add(1, new KeyValuePair<string, object?>("kind", "abandoned"));
        await queue.AbandonAsync(job, $"Gave up after {maxAttempts} attempts: each one stopped without finishing (the worker ingesting it crashed or was stopped), so the file may be what stops it.", CancellationToken.None);
        LogAbandoned(job.SourceName, maxAttempts);
    }

    private async Task HeartbeatAsync(ClaimedJob job, TimeSpan lease, CancellationTokenSource leaseLost, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, time, cancellationToken);
                if (!await queue.HeartbeatAsync(job, lease, cancellationToken))
                {
                    await leaseLost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (NpgsqlException e)
        {
            // One missed beat is survivable; the lease is three beats long.
            LogLoopError(e, job.WorkerId);
        }
    }

    /// <summary>Exponential (base × 2^(attempt−1)) with ±50 % jitter so failed jobs do not retry in lockstep, capped at ten minutes.</summary>
    public static TimeSpan RetryDelay(int attempt, WorkerOptions settings)
    {
        var exponential = settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var jittered = exponential * (0.5 + Random.Shared.NextDouble());
        return TimeSpan.FromSeconds(Math.Min(jittered, 600));
    }

    // Polling still finds jobs while the listener reconnects.
    private Task ListenAsync(CancellationToken stoppingToken) =>
        PostgresListener.ListenAsync(
            dataSource, NotifyChannels.Jobs,
            _ => wake.Release(options.Value.Concurrency),
            e => LogLoopError(e, "listener"),
            TimeSpan.FromSeconds(options.Value.PollSeconds), time, stoppingToken);

    private static string Truncate(string reason) => reason.Length <= 1000 ? reason : reason[..1000] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion loop {Worker} failed; retrying")]
    private partial void LogLoopError(Exception e, string worker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} lost its lease ({Worker}); another worker owns it now")]
    private partial void LogLeaseLost(long jobId, string worker);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} released on shutdown")]
    private partial void LogReleased(long jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {SourceName}: {Reason}")]
    private partial void LogRejected(string sourceName, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up on {SourceName}: its {Attempts} attempts all ended with their worker gone")]
    private partial void LogAbandoned(string sourceName, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingesting {SourceName} failed (attempt {Attempt}); will retry if attempts remain")]
    private partial void LogTransient(Exception e, string sourceName, int attempt);

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }
}
