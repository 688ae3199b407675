using System.Text.Json;
using KnowledgeBase.Infrastructure.Documents;
using Npgsql;
using NpgsqlTypes;

namespace KnowledgeBase.Infrastructure.Ingestion.Queue;

/// <summary>
/// The consumer side of the ingestion queue in PostgreSQL: workers claim jobs with
/// <c>FOR UPDATE SKIP LOCKED</c> under a lease, renew it with a heartbeat, report progress, and
/// complete, fail or release them. The statements and their guards are <see cref="JobStatements"/>.
/// </summary>
public sealed class JobQueue(NpgsqlDataSource dataSource)
{
    public async Task<ClaimedJob?> ClaimAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(JobStatements.Claim);
        command.Parameters.AddWithValue("worker", workerId);
        command.Parameters.AddWithValue("lease", lease.TotalSeconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ClaimedJob(
            reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
            reader.GetInt64(5), reader.GetInt32(6), reader.GetBoolean(7), workerId);
    }

    /// <summary>Extends the lease; false when it was lost (expired and taken over, or the document deleted).</summary>
    public async Task<bool> HeartbeatAsync(ClaimedJob job, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(JobStatements.Heartbeat);
        command.Parameters.AddWithValue("lease", lease.TotalSeconds);
        AddFence(command, job);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Records the step and percent, moves a not-yet-ready document along with it, and tells listeners.</summary>
    public async Task ReportAsync(ClaimedJob job, DocumentStatus stage, int progress, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(JobStatements.Progress(stage));
        command.Parameters.AddWithValue("progress", progress);
        AddPayload(command, job, stage, progress, null);
        AddFence(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Inside the caller's transaction on <paramref name="connection"/>: completes the job (fenced) and points the
    /// document at the new version. False when the lease was lost: the caller must roll back.
    /// </summary>
    public async Task<bool> CompleteAsync(NpgsqlConnection connection, ClaimedJob job, CompletedVersion version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(JobStatements.Complete, connection);
        command.Parameters.AddWithValue("title", version.Title);
        command.Parameters.AddWithValue("source", job.SourceName);
        command.Parameters.AddWithValue("type", job.ContentType);
        command.Parameters.AddWithValue("sha", job.BlobSha256);
        command.Parameters.AddWithValue("size", job.SizeBytes);
        command.Parameters.Add(new NpgsqlParameter("pages", NpgsqlDbType.Integer) { Value = (object?)version.PageCount ?? DBNull.Value });
        command.Parameters.AddWithValue("chunks", version.ChunkCount);
        command.Parameters.Add(new NpgsqlParameter("warnings", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = version.Warnings.ToArray() });
        command.Parameters.AddWithValue("model", version.EmbeddingModel);
        AddPayload(command, job, DocumentStatus.Ready, 100, null);
        AddFence(command, job);
        return await RowsAsync(command, cancellationToken) == 1;
    }

    /// <summary>
    /// A failure: retried later (<paramref name="retryAt"/> set) or final. A final failure of a first
    /// version fails the document with the reason; a failed new version leaves the ready one serving
    /// and records why the update did not happen.
    /// </summary>
    public Task FailAsync(ClaimedJob job, string reason, DateTimeOffset? retryAt, CancellationToken cancellationToken) =>
        FailAsync(retryAt is null ? JobStatements.Fail : JobStatements.Retry, job, reason, retryAt, cancellationToken);

    /// <summary>Fails a job whose attempts were spent before this claim (its workers died on it); this claim does not count.</summary>
    public Task AbandonAsync(ClaimedJob job, string reason, CancellationToken cancellationToken) =>
        FailAsync(JobStatements.Abandon, job, reason, null, cancellationToken);

    private async Task FailAsync(string statement, ClaimedJob job, string reason, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(statement);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("source", job.SourceName);
        command.Parameters.AddWithValue("retry_at", retryAt ?? DateTimeOffset.MinValue);
        AddPayload(command, job, retryAt is null ? DocumentStatus.Failed : DocumentStatus.Queued, 0, reason);
        AddFence(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives the job back untouched (graceful shutdown): the attempt does not count.</summary>
    public async Task ReleaseAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(JobStatements.Release);
        AddFence(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddFence(NpgsqlCommand command, ClaimedJob job)
    {
        command.Parameters.AddWithValue("id", job.Id);
        command.Parameters.AddWithValue("worker", job.WorkerId);
    }

    private static void AddPayload(NpgsqlCommand command, ClaimedJob job, DocumentStatus status, int progress, string? error) =>
        command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(
            new IngestionProgressMessage(job.DocumentId, job.Id, StatusNames.Of(status), progress, job.SourceName, error), IngestionProgressMessage.JsonOptions));

    private static async Task<int> RowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
        }

        return rows;
    }
}
