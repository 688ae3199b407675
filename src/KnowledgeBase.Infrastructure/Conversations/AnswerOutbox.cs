using System.Diagnostics.Metrics;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Conversations;

/// <summary>
/// A finished answer is never lost to a database outage: an answer that could not be stored waits here and is
/// stored as soon as the database is back (retried in memory with growing waits, then spooled to disk so a
/// restart keeps it, and replayed from there). Its tokens then count in usage and budgets like any other. The
/// same loop closes abandoned questions (<see cref="UnansweredQuestions"/>) at start-up and every few minutes,
/// always after replaying the spool, so a spooled answer is never mistaken for a lost one.
/// </summary>
public sealed class AnswerOutbox(
    IServiceScopeFactory scopes,
    IOptions<AnswerRecoveryOptions> options,
    TimeProvider time,
    ILogger<AnswerOutbox> logger) : BackgroundService
{
    private static readonly Counter<long> Deferred = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.answers.deferred", "{answer}", "Answers whose storing was deferred because the database was unavailable, by outcome (queued, stored, spooled).");

    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<Pending> pending = [];
    private readonly SemaphoreSlim wake = new(0);

    /// <summary>Answers waiting in memory (for tests and the readiness of a graceful stop).</summary>
    public int PendingCount
    {
        get
        {
            lock (pending)
            {
                return pending.Count;
            }
        }
    }

    private string SpoolDirectory => Path.GetFullPath(options.Value.SpoolDirectory);

    /// <summary>Takes an answer the database refused because it was unavailable; never throws.</summary>
    public void Defer(Message answer, Exception reason)
    {
        logger.LogWarning("Storing answer {MessageId} failed ({Reason}); it waits in the outbox", answer.Id, reason.GetBaseException().Message);
        Count("queued");
        bool full;
        lock (pending)
        {
            full = pending.Count >= options.Value.MaxPending;
            if (!full)
            {
                pending.Add(new Pending(answer, time.GetTimestamp() + time.TimestampFrequency));
            }
        }

        if (full)
        {
            Spool(answer);
        }
    }

    /// <summary>The database just stored something: answers waiting for it are tried now rather than after their backoff.</summary>
    public void DatabaseIsBack()
    {
        lock (pending)
        {
            if (pending.Count == 0)
            {
                return;
            }

            var now = time.GetTimestamp();
            foreach (var p in pending)
            {
                p.DueAt = now;
            }
        }

        wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextSweep = time.GetTimestamp();
        var outages = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StoreDueAsync(stoppingToken);
                await ReplaySpoolAsync(stoppingToken);
                if (time.GetTimestamp() >= nextSweep)
                {
                    await SweepAsync(stoppingToken);
                    nextSweep = time.GetTimestamp() + (long)(SweepInterval.TotalSeconds * time.TimestampFrequency);
                }

                outages = 0;
            }
            catch (Exception e) when (DatabaseOutage.IsOutage(e) && !stoppingToken.IsCancellationRequested)
            {
                // Still unavailable: ask less often (every request's own failures show when it is back, see DatabaseIsBack).
                outages++;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            var pause = TimeSpan.FromSeconds(Math.Min(10, Math.Pow(2, outages)) / 2);
            await wake.WaitAsync(pause, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Whatever still waits in memory survives the restart on disk.
        List<Pending> left;
        lock (pending)
        {
            left = [.. pending];
            pending.Clear();
        }

        foreach (var p in left)
        {
            Spool(p.Answer);
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    /// <summary>Stores the answers whose time has come; stops at the first outage (the rest would fail too).</summary>
    private async Task StoreDueAsync(CancellationToken cancellationToken)
    {
        List<Pending> due;
        lock (pending)
        {
            var now = time.GetTimestamp();
            due = pending.Where(p => p.DueAt <= now).ToList();
        }

        foreach (var p in due)
        {
            try
            {
                await StoreAsync(p.Answer, cancellationToken);
                Remove(p);
                Count("stored");
                logger.LogInformation("Stored answer {MessageId} from the outbox (attempt {Attempt})", p.Answer.Id, p.Attempts + 1);
            }
            catch (Exception e) when (DatabaseOutage.IsOutage(e) && !cancellationToken.IsCancellationRequested)
            {
                // The others would fail the same way: each counts this round as a failed attempt.
                foreach (var failed in due.SkipWhile(d => d != p))
                {
                    Retry(failed);
                }

                throw;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Not an outage: retrying cannot help. Say what is lost so it can be put right by hand.
                Remove(p);
                logger.LogError(e, "Answer {MessageId} of conversation {ConversationId} could not be stored ({InputTokens} + {OutputTokens} tokens); dropped",
                    p.Answer.Id, p.Answer.ConversationId, p.Answer.InputTokens, p.Answer.OutputTokens);
            }
        }
    }

    private void Retry(Pending p)
    {
        lock (pending)
        {
            p.Attempts++;
            var delay = Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, p.Attempts));
            p.DueAt = time.GetTimestamp() + (long)(delay * time.TimestampFrequency);
        }

        if (p.Attempts >= options.Value.StoreRetries)
        {
            Remove(p);
            Spool(p.Answer);
        }
    }

    private void Remove(Pending p)
    {
        lock (pending)
        {
            pending.Remove(p);
        }
    }

    private void Spool(Message answer)
    {
        try
        {
            Directory.CreateDirectory(SpoolDirectory);
            var path = Path.Combine(SpoolDirectory, $"{answer.Id:N}.json");
            var partial = path + ".tmp";
            File.WriteAllText(partial, JsonSerializer.Serialize(answer, Json));
            File.Move(partial, path, overwrite: true);
            Count("spooled");
            logger.LogWarning("Answer {MessageId} spooled to {Path} until the database is back", answer.Id, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No disk either: keep it in memory rather than lose it.
            logger.LogError(e, "Spooling answer {MessageId} failed; it stays in memory", answer.Id);
            lock (pending)
            {
                pending.Add(new Pending(answer, time.GetTimestamp() + (long)(MaxDelay.TotalSeconds * time.TimestampFrequency)));
            }
        }
    }

    private async Task ReplaySpoolAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(SpoolDirectory))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(SpoolDirectory, "*.json"))
        {
            Message? answer;
            try
            {
                answer = JsonSerializer.Deserialize<Message>(await File.ReadAllTextAsync(path, cancellationToken), Json);
            }
            catch (JsonException e)
            {
                logger.LogError(e, "Spooled answer {Path} is unreadable; set aside as .bad", path);
                File.Move(path, path + ".bad", overwrite: true);
                continue;
            }

            if (answer is not null)
            {
                await StoreAsync(answer, cancellationToken);
                Count("stored");
                logger.LogInformation("Stored spooled answer {MessageId}", answer.Id);
            }

            File.Delete(path);
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var closed = await scope.ServiceProvider.GetRequiredService<UnansweredQuestions>().CloseAsync(cancellationToken);
        if (closed > 0)
        {
            logger.LogWarning("Closed {Count} abandoned questions as failed", closed);
        }
    }

    /// <summary>
    /// Inserts the answer unless it is already there (an earlier attempt that committed but lost its reply), in
    /// place of a placeholder the sweep may have written meanwhile, and moves its conversation's last activity.
    /// </summary>
    private async Task StoreAsync(Message answer, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await db.Messages.AnyAsync(m => m.Id == answer.Id, cancellationToken))
            {
                await db.Messages.Where(m => m.ReplyToId == answer.ReplyToId && m.Status == MessageStatus.Failed && m.Error == UnansweredQuestions.Reason)
                    .ExecuteDeleteAsync(cancellationToken);
                db.Messages.Add(answer);
                await db.SaveChangesAsync(cancellationToken);
                await db.Conversations.Where(c => c.Id == answer.ConversationId && c.UpdatedAt < answer.CreatedAt)
                    .ExecuteUpdateAsync(c => c.SetProperty(x => x.UpdatedAt, answer.CreatedAt), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });
    }

    private static void Count(string outcome) => Deferred.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>One waiting answer; its fields change under the list's lock.</summary>
    private sealed class Pending(Message answer, long dueAt)
    {
        public Message Answer { get; } = answer;

        public int Attempts { get; set; }

        public long DueAt { get; set; } = dueAt;
    }
}
