using static KnowledgeBase.Infrastructure.Documents.StatusSql;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// The status changes the ingestion queue makes in SQL, with their guards from <see cref="Lifecycle"/>.
/// A worker's statements are fenced on <c>leased_by</c> (<see cref="Held"/>): one that lost its lease
/// changes nothing, so it can never overwrite the worker that took over. Parameters: <c>@id</c> and
/// <c>@worker</c> for the fence, <c>@payload</c> for the progress notification, and as named.
/// </summary>
internal static class JobStatements
{
    /// <summary>The job is still this worker's: running under its lease.</summary>
    private static readonly string Held = $"id = @id AND leased_by = @worker AND status = {Literal(JobStatus.Running)}";

    private static readonly string Notify = $"pg_notify('{NotifyChannels.Progress}', @payload)";

    /// <summary>
    /// Takes the oldest due job, or one whose worker's lease expired, for <c>@worker</c> for <c>@lease</c> seconds
    /// (the database clock decides expiry) and counts the attempt. Returns the job and whether its document is ready.
    /// </summary>
    public static readonly string Claim = $"""
        UPDATE ingestion_jobs j
        SET status = {Literal(JobStatus.Running)}, attempts = j.attempts + 1, leased_by = @worker,
            lease_until = now() + make_interval(secs => @lease), updated_at = now()
        FROM documents d
        WHERE d.id = j.document_id AND j.id = (
            SELECT id FROM ingestion_jobs
            WHERE {MayBecome(JobStatus.Running)}
              AND ((status = {Literal(JobStatus.Pending)} AND available_at <= now()) OR (status = {Literal(JobStatus.Running)} AND lease_until < now()))
            ORDER BY available_at, id
            FOR UPDATE SKIP LOCKED
            LIMIT 1)
        RETURNING j.id, j.document_id, j.blob_sha256, j.source_name, j.content_type, j.size_bytes, j.attempts, d.status = {Literal(DocumentStatus.Ready)}
        """;

    /// <summary>Extends the lease by <c>@lease</c> seconds; no row when it was lost.</summary>
    public static readonly string Heartbeat = $"""
        UPDATE ingestion_jobs SET lease_until = now() + make_interval(secs => @lease), updated_at = now()
        WHERE {Held}
        """;

    /// <summary>Completes the job and points its document at the new version (<c>@title</c>, <c>@pages</c>, …); no row when the lease was lost.</summary>
    public static readonly string Complete = $"""
        WITH job AS (
            UPDATE ingestion_jobs SET status = {Literal(JobStatus.Done)}, stage = {Literal(DocumentStatus.Ready)}, progress = 100,
                lease_until = NULL, last_error = NULL, updated_at = now()
            WHERE {Held}
            RETURNING document_id),
        doc AS (
            UPDATE documents SET title = @title, source_name = @source, content_type = @type, sha256 = @sha, size_bytes = @size,
                page_count = @pages, chunk_count = @chunks, warnings = @warnings, embedding_model = @model,
                status = {Literal(DocumentStatus.Ready)}, error = NULL, version = version + 1, updated_at = now()
            WHERE id = (SELECT document_id FROM job) AND {MayBecome(DocumentStatus.Ready)})
        SELECT {Notify} FROM job
        """;

    /// <summary>
    /// Fails the job for good with <c>@reason</c>. A document that is not ready fails with it; a ready one keeps
    /// serving and records why its new version (<c>@source</c>) was not ingested.
    /// </summary>
    public static readonly string Fail = FailSetting(string.Empty);

    /// <summary>
    /// <see cref="Fail"/> for a job claimed only to find its attempts spent (each ended with its worker gone):
    /// that claim is not an attempt.
    /// </summary>
    public static readonly string Abandon = FailSetting("attempts = attempts - 1, ");

    /// <summary>Puts the job back in the queue until <c>@retry_at</c>, keeping <c>@reason</c>; a document that is not ready is queued again.</summary>
    public static readonly string Retry = $"""
        WITH job AS (
            UPDATE ingestion_jobs SET status = {Literal(JobStatus.Pending)}, stage = {Literal(DocumentStatus.Queued)}, progress = 0, last_error = @reason,
                available_at = @retry_at, lease_until = NULL, leased_by = NULL, updated_at = now()
            WHERE {Held}
            RETURNING document_id),
        doc AS (
            UPDATE documents SET status = {Literal(DocumentStatus.Queued)}, updated_at = now()
            WHERE id = (SELECT document_id FROM job) AND {MayBecome(DocumentStatus.Queued)})
        SELECT {Notify} FROM job
        """;

    /// <summary>Gives the job back untouched (a stopping worker): due at once, and the attempt does not count.</summary>
    public static readonly string Release = $"""
        WITH job AS (
            UPDATE ingestion_jobs SET status = {Literal(JobStatus.Pending)}, stage = {Literal(DocumentStatus.Queued)}, progress = 0,
                attempts = greatest(attempts - 1, 0), lease_until = NULL, leased_by = NULL, available_at = now(), updated_at = now()
            WHERE {Held}
            RETURNING document_id)
        UPDATE documents SET status = {Literal(DocumentStatus.Queued)}, updated_at = now()
        WHERE id = (SELECT document_id FROM job) AND {MayBecome(DocumentStatus.Queued)}
        """;

    private static readonly Dictionary<DocumentStatus, string> ProgressByStage =
        new[] { DocumentStatus.Parsing, DocumentStatus.Chunking, DocumentStatus.Embedding }.ToDictionary(s => s, ProgressAt);

    /// <summary>Records <c>@progress</c> percent at a pipeline step and moves a document that is not ready to that step.</summary>
    public static string Progress(DocumentStatus stage) => ProgressByStage[stage];

    private static string ProgressAt(DocumentStatus stage) => $"""
        WITH job AS (
            UPDATE ingestion_jobs SET stage = {Literal(stage)}, progress = @progress, updated_at = now()
            WHERE {Held}
            RETURNING document_id),
        doc AS (
            UPDATE documents SET status = {Literal(stage)}, updated_at = now()
            WHERE id = (SELECT document_id FROM job) AND {MayBecome(stage)})
        SELECT {Notify} FROM job
        """;

    private static string FailSetting(string extra) => $"""
        WITH job AS (
            UPDATE ingestion_jobs SET {extra}status = {Literal(JobStatus.Failed)}, stage = {Literal(DocumentStatus.Failed)}, last_error = @reason,
                lease_until = NULL, updated_at = now()
            WHERE {Held}
            RETURNING document_id),
        doc AS (
            UPDATE documents SET
                status = CASE WHEN {MayBecome(DocumentStatus.Failed)} THEN {Literal(DocumentStatus.Failed)} ELSE status END,
                error = CASE WHEN {MayBecome(DocumentStatus.Failed)} THEN @reason ELSE 'The new version (' || @source || ') was not ingested: ' || @reason END,
                updated_at = now()
            WHERE id = (SELECT document_id FROM job))
        SELECT {Notify} FROM job
        """;

    /// <summary>Queues a wake-up for sleeping workers (delivered when the transaction commits).</summary>
    public static readonly string WakeWorkers = $"SELECT pg_notify('{NotifyChannels.Jobs}', @job::text)";
}
