using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Infrastructure.Retrieval;
using KnowledgeBase.Infrastructure.Storage;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Ingestion.Queue;

/// <summary>
/// The producer side of the ingestion queue: stores the bytes (content-addressed), refuses what can
/// never be ingested, and writes the document and its job in one transaction, then wakes the
/// workers (NOTIFY is delivered on commit). The same bytes again are no work; a new file under an
/// existing name (or an explicit <c>Replaces</c>) becomes a new version of that document.
/// </summary>
public sealed class DocumentUploader(
    KnowledgeBaseDbContext db,
    IBlobStore blobs,
    IOptions<IngestionOptions> options,
    TimeProvider time)
{
    public const string JobsChannel = "kb_ingestion_jobs";

    public async Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("ingest upload");
        var name = DisplayName.From(request.FileName);
        var collection = string.IsNullOrWhiteSpace(request.Collection) ? "default" : request.Collection.Trim();

        StoredBlob blob;
        try
        {
            blob = await blobs.PutAsync(request.Content, options.Value.MaxFileBytes, cancellationToken);
        }
        catch (BlobTooLargeException e)
        {
            return new UploadResult(name, UploadOutcome.Rejected, null, null, null, e.Message, TooLarge: true);
        }

        string contentType;
        try
        {
            contentType = ContentTypeDetector.Detect(blob.Head, name);
        }
        catch (DocumentRejectedException e)
        {
            await DeleteBlobIfUnusedAsync(blob.Sha256, cancellationToken);
            return new UploadResult(name, UploadOutcome.Rejected, null, null, null, e.Message);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Serialises uploads of the same name into the same collection, so two of them cannot both create it.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({collection + "\n" + name}))", cancellationToken);

            var same = await db.Documents.AsNoTracking()
                .FirstOrDefaultAsync(d => d.Collection == collection && d.Sha256 == blob.Sha256, cancellationToken);
            if (same is not null && (same.Status is DocumentStatus.Ready or DocumentStatus.Failed || request.Replaces is null || request.Replaces == same.Id))
            {
                return new UploadResult(name, UploadOutcome.Unchanged, same.Id, null, same.Status, same.Error);
            }

            var queuedSame = await (
                from job in db.IngestionJobs.AsNoTracking()
                join document in db.Documents on job.DocumentId equals document.Id
                where document.Collection == collection && job.BlobSha256 == blob.Sha256 && (job.Status == JobStatus.Pending || job.Status == JobStatus.Running)
                select new { job.Id, job.DocumentId, document.Status }).FirstOrDefaultAsync(cancellationToken);
            if (queuedSame is not null)
            {
                return new UploadResult(name, UploadOutcome.Unchanged, queuedSame.DocumentId, queuedSame.Id, queuedSame.Status, null);
            }

            var target = request.Replaces is { } replaces
                ? await db.Documents.FirstOrDefaultAsync(d => d.Id == replaces, cancellationToken)
                : await db.Documents.FirstOrDefaultAsync(d => d.Collection == collection && d.SourceName == name, cancellationToken);
            if (request.Replaces is not null && target is null)
            {
                return new UploadResult(name, UploadOutcome.Rejected, null, null, null, $"There is no document {request.Replaces} to replace.");
            }

            var now = time.GetUtcNow();
            var outcome = UploadOutcome.NewVersion;
            if (target is null)
            {
                outcome = UploadOutcome.Queued;
                target = new Document
                {
                    Id = Guid.CreateVersion7(now),
                    Title = TextDecoding.TitleFromFileName(name),
                    SourceName = name,
                    ContentType = contentType,
                    Sha256 = blob.Sha256,
                    SizeBytes = blob.SizeBytes,
                    Collection = collection,
                    AccessGroups = [.. request.AccessGroups.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct()],
                    Status = DocumentStatus.Queued,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                db.Documents.Add(target);
                await GroupsOf(target, now, cancellationToken);
            }
            else
            {
                // Superseded versions that no worker has started are dropped; the newest bytes win.
                await db.IngestionJobs.Where(j => j.DocumentId == target.Id && j.Status == JobStatus.Pending).ExecuteDeleteAsync(cancellationToken);
                if (target.Status != DocumentStatus.Ready)
                {
                    target.Status = DocumentStatus.Queued;
                    target.Error = null;
                }

                target.UpdatedAt = now;
            }

            var newJob = await AddJobAsync(target.Id, blob.Sha256, name, contentType, blob.SizeBytes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new UploadResult(name, outcome, target.Id, newJob.Id, target.Status, null);
        });
    }

    /// <summary>Groups named by an upload exist from then on (listed, assignable to users).</summary>
    private async Task GroupsOf(Document document, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var group in document.AccessGroups.Where(GroupNames.IsValid))
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO groups (name, created_at) VALUES ({group}, {now}) ON CONFLICT (name) DO NOTHING", cancellationToken);
        }
    }

    /// <summary>Queues the document's current bytes again; null when there is no such document, the running job when one is queued already.</summary>
    public async Task<(IngestionJob? Job, bool AlreadyQueued)> ReingestAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return (null, false);
        }

        var queued = await db.IngestionJobs.FirstOrDefaultAsync(
            j => j.DocumentId == documentId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running), cancellationToken);
        if (queued is not null)
        {
            return (queued, true);
        }

        if (document.Status != DocumentStatus.Ready)
        {
            document.Status = DocumentStatus.Queued;
            document.Error = null;
        }

        return (await AddJobAsync(document.Id, document.Sha256, document.SourceName, document.ContentType, document.SizeBytes, cancellationToken), false);
    }

    /// <summary>
    /// Deletes the document with its chunks, jobs (cascade) and keyword postings and statistics, then its
    /// blobs no other document or job uses; false when there is no such document. A worker holding its job
    /// loses the lease and commits nothing.
    /// </summary>
    public async Task<bool> DeleteAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var blobKeys = await db.IngestionJobs.Where(j => j.DocumentId == documentId).Select(j => j.BlobSha256)
            .Union(db.Documents.Where(d => d.Id == documentId).Select(d => d.Sha256))
            .ToListAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // A worker storing this document holds its job row, then the document row; locking in the same
            // order waits for it to commit instead of deadlocking with it.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM ingestion_jobs WHERE document_id = {documentId} FOR UPDATE", cancellationToken);
            await KeywordIndex.RemoveDocumentAsync((NpgsqlConnection)db.Database.GetDbConnection(), documentId, cancellationToken);
            if (await db.Documents.Where(d => d.Id == documentId).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var key in blobKeys)
        {
            await DeleteBlobIfUnusedAsync(key, cancellationToken);
        }

        return true;
    }

    /// <summary>Saves pending changes with a new job and wakes the workers (NOTIFY is delivered when the transaction commits).</summary>
    private async Task<IngestionJob> AddJobAsync(Guid documentId, string sha, string sourceName, string contentType, long size, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var job = new IngestionJob
        {
            DocumentId = documentId,
            Status = JobStatus.Pending,
            BlobSha256 = sha,
            SourceName = sourceName,
            ContentType = contentType,
            SizeBytes = size,
            Stage = DocumentStatus.Queued,
            AvailableAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.IngestionJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({JobsChannel}, {job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)})", cancellationToken);
        return job;
    }

    private async Task DeleteBlobIfUnusedAsync(string sha, CancellationToken cancellationToken)
    {
        var used = await db.Documents.AnyAsync(d => d.Sha256 == sha, cancellationToken)
            || await db.IngestionJobs.AnyAsync(j => j.BlobSha256 == sha, cancellationToken);
        if (!used)
        {
            await blobs.DeleteAsync(sha, cancellationToken);
        }
    }
}
