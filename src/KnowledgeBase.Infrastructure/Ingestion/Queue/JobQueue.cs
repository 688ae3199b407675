using System.Text.Json;
using KnowledgeBase.Core.Documents;
using Npgsql;
using NpgsqlTypes;

namespace KnowledgeBase.Infrastructure.Ingestion.Queue;

/// <summary>
/// The consumer side of the ingestion queue in PostgreSQL. Workers claim with
/// <c>FOR UPDATE SKIP LOCKED</c> under a lease (the database clock decides expiry), renew it with a
/// heartbeat, and every state change is fenced on <c>leased_by</c>, so a worker that lost its lease
/// can never overwrite the worker that took over.
/// </summary>
public sealed class JobQueue(NpgsqlDataSource dataSource)
{
    public const string ProgressChannel = "kb_ingestion_progress";

    private const string ClaimSql = """
        UPDATE ingestion_jobs j
        SET status = 'running', attempts = j.attempts + 1, leased_by = @worker,
            lease_until = now() + make_interval(secs => @lease), updated_at = now()
        FROM documents d
        WHERE d.id = j.document_id AND j.id = (
            SELECT id FROM ingestion_jobs
            WHERE (status = 'pending' AND available_at <= now()) OR (status = 'running' AND lease_until < now())
            ORDER BY available_at, id
            FOR UPDATE SKIP LOCKED
            LIMIT 1)
        RETURNING j.id, j.document_id, j.blob_sha256, j.source_name, j.content_type, j.size_bytes, j.attempts, d.status = 'ready'
        """;

    public async Task<ClaimedJob?> ClaimAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ClaimSql);
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
        await using var command = dataSource.CreateCommand("""
            UPDATE ingestion_jobs SET lease_until = now() + make_interval(secs => @lease), updated_at = now()
            WHERE id = @id AND leased_by = @worker AND status = 'running'
            """);
        command.Parameters.AddWithValue("lease", lease.TotalSeconds);
        AddFence(command, job);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Records the step and percent, moves a not-yet-ready document along with it, and tells listeners.</summary>
    public async Task ReportAsync(ClaimedJob job, DocumentStatus stage, int progress, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH job AS (
                UPDATE ingestion_jobs SET stage = @stage, progress = @progress, updated_at = now()
                WHERE id = @id AND leased_by = @worker AND status = 'running'
                RETURNING document_id),
            doc AS (
                UPDATE documents SET status = @stage, updated_at = now()
                WHERE id = (SELECT document_id FROM job) AND status <> 'ready')
            SELECT pg_notify(@channel, @payload) FROM job
            """);
        command.Parameters.AddWithValue("stage", Lower(stage));
        command.Parameters.AddWithValue("progress", progress);
        command.Parameters.AddWithValue("channel", ProgressChannel);
        command.Parameters.AddWithValue("payload", Payload(job, stage, progress, null));
        AddFence(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// In one transaction: takes the job (fenced), lets <paramref name="writeChunks"/> replace the
    /// chunks, and points the document at the new version. False when the lease was lost: nothing changes.
    /// </summary>
    public async Task<bool> CompleteAsync(
        ClaimedJob job, CompletedVersion version, Func<NpgsqlConnection, Task> writeChunks, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("""
            UPDATE ingestion_jobs SET status = 'done', stage = 'ready', progress = 100, lease_until = NULL, last_error = NULL, updated_at = now()
            WHERE id = @id AND leased_by = @worker AND status = 'running'
            """, connection, transaction))
        {
            AddFence(take, job);
            if (await take.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        await writeChunks(connection);
        await using (var document = new NpgsqlCommand("""
            UPDATE documents SET title = @title, source_name = @source, content_type = @type, sha256 = @sha, size_bytes = @size,
                page_count = @pages, chunk_count = @chunks, warnings = @warnings, embedding_model = @model,
                status = 'ready', error = NULL, version = version + 1, updated_at = now()
            WHERE id = @document;
            SELECT pg_notify(@channel, @payload);
            """, connection, transaction))
        {
            document.Parameters.AddWithValue("title", version.Title);
            document.Parameters.AddWithValue("source", job.SourceName);
            document.Parameters.AddWithValue("type", job.ContentType);
            document.Parameters.AddWithValue("sha", job.BlobSha256);
            document.Parameters.AddWithValue("size", job.SizeBytes);
            document.Parameters.Add(new NpgsqlParameter("pages", NpgsqlDbType.Integer) { Value = (object?)version.PageCount ?? DBNull.Value });
            document.Parameters.AddWithValue("chunks", version.ChunkCount);
            document.Parameters.Add(new NpgsqlParameter("warnings", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = version.Warnings.ToArray() });
            document.Parameters.AddWithValue("model", version.EmbeddingModel);
            document.Parameters.AddWithValue("document", job.DocumentId);
            document.Parameters.AddWithValue("channel", ProgressChannel);
            document.Parameters.AddWithValue("payload", Payload(job, DocumentStatus.Ready, 100, null));
            await document.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// A failure: retried later (<paramref name="retryAt"/> set) or final. A final failure of a first
    /// version fails the document with the reason; a failed new version leaves the ready one serving
    /// and records why the update did not happen.
    /// </summary>
    public async Task FailAsync(ClaimedJob job, string reason, DateTimeOffset? retryAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(retryAt is null
            ? """
              WITH job AS (
                  UPDATE ingestion_jobs SET status = 'failed', stage = 'failed', last_error = @reason, lease_until = NULL, updated_at = now()
                  WHERE id = @id AND leased_by = @worker AND status = 'running'
                  RETURNING document_id),
              doc AS (
                  UPDATE documents SET
                      status = CASE WHEN status = 'ready' THEN status ELSE 'failed' END,
                      error = CASE WHEN status = 'ready' THEN 'The new version (' || @source || ') was not ingested: ' || @reason ELSE @reason END,
                      updated_at = now()
                  WHERE id = (SELECT document_id FROM job))
              SELECT pg_notify(@channel, @payload) FROM job
              """
            : """
              WITH job AS (
                  UPDATE ingestion_jobs SET status = 'pending', stage = 'queued', progress = 0, last_error = @reason,
                      available_at = @retry_at, lease_until = NULL, leased_by = NULL, updated_at = now()
                  WHERE id = @id AND leased_by = @worker AND status = 'running'
                  RETURNING document_id),
              doc AS (
                  UPDATE documents SET status = 'queued', updated_at = now()
                  WHERE id = (SELECT document_id FROM job) AND status <> 'ready')
              SELECT pg_notify(@channel, @payload) FROM job
              """);
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("source", job.SourceName);
        command.Parameters.AddWithValue("retry_at", retryAt ?? DateTimeOffset.MinValue);
        command.Parameters.AddWithValue("channel", ProgressChannel);
        command.Parameters.AddWithValue("payload", Payload(job, retryAt is null ? DocumentStatus.Failed : DocumentStatus.Queued, 0, reason));
        AddFence(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Gives the job back untouched (graceful shutdown): the attempt does not count.</summary>
    public async Task ReleaseAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH job AS (
                UPDATE ingestion_jobs SET status = 'pending', stage = 'queued', progress = 0, attempts = greatest(attempts - 1, 0),
                    lease_until = NULL, leased_by = NULL, available_at = now(), updated_at = now()
                WHERE id = @id AND leased_by = @worker AND status = 'running'
                RETURNING document_id)
            UPDATE documents SET status = 'queued', updated_at = now()
            WHERE id = (SELECT document_id FROM job) AND status <> 'ready'
            """);
        AddFence(command, job);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Jobs waiting or running (for the queue-depth gauge).</summary>
    public async Task<long> DepthAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM ingestion_jobs WHERE status IN ('pending', 'running')");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void AddFence(NpgsqlCommand command, ClaimedJob job)
    {
        command.Parameters.AddWithValue("id", job.Id);
        command.Parameters.AddWithValue("worker", job.WorkerId);
    }

    private static string Lower(DocumentStatus status) => status.ToString().ToLowerInvariant();

    private static string Payload(ClaimedJob job, DocumentStatus status, int progress, string? error) =>
        JsonSerializer.Serialize(new IngestionProgressMessage(job.DocumentId, job.Id, Lower(status), progress, job.SourceName, error), IngestionProgressMessage.JsonOptions);
}

/// <summary>What a finished job writes onto its document.</summary>
public sealed record CompletedVersion(string Title, int? PageCount, int ChunkCount, IReadOnlyList<string> Warnings, string EmbeddingModel);
