using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Startup;

/// <summary>
/// Work that needs the database before the app is ready: migrations (<c>Startup:MigrateDatabase</c>), the
/// first admin, and the answering recovery. Runs before the server starts when the database answers; when it
/// does not, the app starts anyway (503s, <c>/health/ready</c> unhealthy with the reason) and this keeps trying
/// in the background with growing waits, logged — the process never exits because the database is down.
/// </summary>
public sealed class DatabaseStartup(
    IServiceScopeFactory scopes,
    IOptions<StartupOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DatabaseStartup> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task background = Task.CompletedTask;
    private volatile string? waitingReason = "Starting.";
    private volatile bool disposed;

    /// <summary>Null once the start-up work is done; otherwise why the app is not ready yet.</summary>
    public string? WaitingReason => waitingReason;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryRunAsync(attempt: 1, cancellationToken) is not { } delay)
        {
            return;
        }

        background = Task.Run(() => RetryAsync(delay, stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host can be stopped again after it was disposed (a test factory disposing twice): nothing left to stop.
        if (disposed)
        {
            return;
        }

        await stopping.CancelAsync();
        await background.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        disposed = true;
        stopping.Dispose();
    }

    private async Task RetryAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 2; ; attempt++)
            {
                await Task.Delay(delay, time, cancellationToken);
                if (await TryRunAsync(attempt, cancellationToken) is not { } next)
                {
                    return;
                }

                delay = next;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Not an outage (a failed migration, a bad admin password): the app cannot become ready by waiting.
            logger.LogCritical(e, "Start-up work failed; stopping");
            lifetime.StopApplication();
        }
    }

    /// <summary>Null when done; otherwise how long to wait before the next attempt (doubling, capped).</summary>
    private async Task<TimeSpan?> TryRunAsync(int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(cancellationToken);
            if (attempt > 1)
            {
                logger.LogInformation("The database is reachable again (attempt {Attempt}); start-up work done", attempt);
            }

            waitingReason = null;
            return null;
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e) && !cancellationToken.IsCancellationRequested)
        {
            var delay = TimeSpan.FromSeconds(Math.Min(database.Value.StartupMaxDelaySeconds, Math.Pow(2, Math.Min(attempt - 1, 16))));
            waitingReason = $"Waiting for the database (attempt {attempt} failed: {e.GetBaseException().Message}).";
            logger.LogWarning("Waiting for the database: attempt {Attempt} failed ({Reason}); next attempt in {Delay} s",
                attempt, e.GetBaseException().Message, delay.TotalSeconds);
            return delay;
        }
    }

    /// <summary>The start-up work once, without waiting for the database: <c>Startup:MigrateOnly</c> (a Job retries).</summary>
    public Task RunOnceAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
        if (settings.MigrateDatabase || settings.MigrateOnly)
        {
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            // Reaching the database at all is the point of this attempt.
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
        }

        if (settings is { AdminEmail: { Length: > 0 } email, AdminPassword: { Length: > 0 } password })
        {
            var users = scope.ServiceProvider.GetRequiredService<UserDirectory>();
            if (await users.FindByEmailAsync(email, cancellationToken) is null)
            {
                var admin = await users.AddOrUpdateAsync(email, password, Roles.Admin, [], cancellationToken);
                logger.LogInformation("Created the first admin {Email}", admin.Email);
            }
        }
    }
}
