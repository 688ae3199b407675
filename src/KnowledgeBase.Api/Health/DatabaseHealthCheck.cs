using KnowledgeBase.Api.Startup;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace KnowledgeBase.Api.Health;

/// <summary>Ready means the start-up work is done, the database answers and has the schema (the documents table exists).</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource, DatabaseStartup startup) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (startup.WaitingReason is { } waiting)
        {
            return HealthCheckResult.Unhealthy(waiting);
        }

        try
        {
            await using var command = dataSource.CreateCommand("SELECT to_regclass('documents') IS NOT NULL");
            var migrated = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
            return migrated ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database is not migrated (run `kb migrate`).");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable.", e);
        }
    }
}
