using KnowledgeBase.Infrastructure.Caching;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Infrastructure.Ingestion;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Infrastructure.Retrieval;
using KnowledgeBase.Infrastructure.Storage;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// Every change to a document made on someone's request: upload (a new document or a new version),
/// re-ingest, change of collection or groups, delete. The Api, the CLI and the tests all come here;
/// the ingestion workers make the other changes (<see cref="JobStatements"/>).
/// </summary>
public sealed class DocumentService(
    KnowledgeBaseDbContext db,
    IBlobStore blobs,
    KeywordIndex keywords,
    IOptions<IngestionOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Stores the bytes (content-addressed), refuses what can never be ingested, and writes the document and
    /// its job in one transaction, then wakes the workers (NOTIFY is delivered on commit). The same bytes
    /// again are no work; a new file under an existing name (or an explicit <c>Replaces</c>) becomes a new
    /// version of that document.
    /// </summary>
    public async Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("ingest upload");
        var name = DisplayName.From(request.FileName);
        var maxBytes = options.Value.MaxFileBytes;
        if (request.DeclaredLength > maxBytes)
        {
            return UploadResult.OverLimit(name, maxBytes);
        }

        StoredBlob blob;
        try
        {
            blob = await blobs.PutAsync(request.Content, maxBytes, cancellationToken);
        }
        catch (BlobTooLargeException)
        {
            return UploadResult.OverLimit(name, maxBytes);
        }

        string contentType;
        try
        {
            contentType = ContentTypeDetector.Detect(blob.Head, name);
        }
        catch (DocumentRejectedException e)
        {
            await DeleteBlobIfUnusedAsync(blob.Sha256, cancellationToken);
            return UploadResult.Rejected(name, e.Message);
        }

        var file = new UploadedFile(name, contentType, blob, CollectionNames.OrDefault(request.Collection), request.AccessGroups, request.Replaces);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(() => RegisterAsync(file, cancellationToken));
    }

    /// <summary>Queues the document's current bytes again; null when there is no such document, its active job when one is queued already.</summary>
    public async Task<ReingestResult?> ReingestAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var active = await db.IngestionJobs.FirstOrDefaultAsync(
            j => j.DocumentId == documentId && (j.Status == JobStatus.Pending || j.Status == JobStatus.Running), cancellationToken);
        if (active is not null)
        {
            return new ReingestResult(document, active, AlreadyQueued: true);
        }

        document.QueueReingestion();
        var job = await AddJobAsync(IngestionJob.Pending(document.Id, document.Sha256, document.SourceName, document.ContentType, document.SizeBytes, time.GetUtcNow()), cancellationToken);
        return new ReingestResult(document, job, AlreadyQueued: false);
    }

    /// <summary>
    /// Moves a document to another collection and/or gives it other readers (null keeps what it has). Retrieval
    /// joins <c>documents</c> for its access filter, so new groups apply to the next search; groups must exist (a
    /// typo would otherwise hide the document from everyone but admins). A new collection moves the document's
    /// keyword postings and counts in the same transaction.
    /// </summary>
    public async Task<AccessChange> ChangeAccessAsync(Guid documentId, string? collection, IReadOnlyList<string>? groups, CancellationToken cancellationToken)
    {
        collection = collection?.Trim();
        if (collection is not null && CollectionNames.Problem(collection) is { } invalidCollection)
        {
            return AccessChange.Invalid(invalidCollection);
        }

        if (groups is not null)
        {
            try
            {
                groups = GroupNames.Validate(groups);
            }
            catch (AccountException e)
            {
                return AccessChange.Invalid(e.Message);
            }

            var known = await db.Groups.Where(g => groups.Contains(g.Name)).Select(g => g.Name).ToListAsync(cancellationToken);
            if (groups.Except(known).ToList() is { Count: > 0 } unknown)
            {
                return AccessChange.Invalid($"Unknown group(s): {string.Join(", ", unknown)}. Create the group first, then choose it.");
            }
        }

        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return AccessChange.NotFound;
        }

        var moved = collection is not null && collection != document.Collection;
        if (moved && await db.Documents.AnyAsync(d => d.Collection == collection && d.Sha256 == document.Sha256, cancellationToken))
        {
            return AccessChange.SameContentIn(collection!);
        }

        document.ChangeAccess(collection, groups, time.GetUtcNow());
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The update locks the row first, so an ingestion or deletion of this document runs wholly before or after.
            await db.SaveChangesAsync(cancellationToken);
            await CacheInvalidation.DocumentChangedAsync(db, documentId, cancellationToken);
            if (moved)
            {
                await keywords.MoveDocumentAsync((NpgsqlConnection)db.Database.GetDbConnection(), documentId, document.Collection, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AccessChange.SameContentIn(collection!);
        }

        return AccessChange.Changed(document);
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
            await CacheInvalidation.DocumentChangedAsync(db, documentId, cancellationToken);
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

    /// <summary>The database half of an upload, in one transaction (run again as a whole by the execution strategy).</summary>
    private async Task<UploadResult> RegisterAsync(UploadedFile file, CancellationToken cancellationToken)
    {
        var (name, contentType, blob, collection, _, replaces) = file;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Serialises uploads of the same name into the same collection, so two of them cannot both create it.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({collection + "\n" + name}))", cancellationToken);

        if (await AlreadyThereAsync(file, cancellationToken) is { } unchanged)
        {
            return unchanged;
        }

        var target = replaces is { } id
            ? await db.Documents.FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            : await db.Documents.FirstOrDefaultAsync(d => d.Collection == collection && d.SourceName == name, cancellationToken);
        if (replaces is not null && target is null)
        {
            return UploadResult.Rejected(name, $"There is no document {replaces} to replace.");
        }

        var now = time.GetUtcNow();
        var outcome = UploadOutcome.NewVersion;
        if (target is null)
        {
            outcome = UploadOutcome.Queued;
            var groups = file.AccessGroups.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct();
            target = Document.Queue(Guid.CreateVersion7(now), name, contentType, blob.Sha256, blob.SizeBytes, collection, groups, now);
            db.Documents.Add(target);
            await CreateGroupsAsync(target.AccessGroups, now, cancellationToken);
        }
        else
        {
            // Superseded versions that no worker has started are dropped; the newest bytes win.
            await db.IngestionJobs.Where(j => j.DocumentId == target.Id && j.Status == JobStatus.Pending).ExecuteDeleteAsync(cancellationToken);
            target.QueueNewVersion(now);
        }

        var job = await AddJobAsync(IngestionJob.Pending(target.Id, blob.Sha256, name, contentType, blob.SizeBytes, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UploadResult(name, outcome, target.Id, job.Id, target.Status, null);
    }

    /// <summary>The same bytes are in the collection already (or queued for it): the upload is no work.</summary>
    private async Task<UploadResult?> AlreadyThereAsync(UploadedFile file, CancellationToken cancellationToken)
    {
        var (name, _, blob, collection, _, replaces) = file;
        var same = await db.Documents.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Collection == collection && d.Sha256 == blob.Sha256, cancellationToken);
        if (same is not null && (same.Status is DocumentStatus.Ready or DocumentStatus.Failed || replaces is null || replaces == same.Id))
        {
            return new UploadResult(name, UploadOutcome.Unchanged, same.Id, null, same.Status, same.Error);
        }

        var queuedSame = await (
            from job in db.IngestionJobs.AsNoTracking()
            join document in db.Documents on job.DocumentId equals document.Id
            where document.Collection == collection && job.BlobSha256 == blob.Sha256 && (job.Status == JobStatus.Pending || job.Status == JobStatus.Running)
            select new { job.Id, job.DocumentId, document.Status }).FirstOrDefaultAsync(cancellationToken);
        return queuedSame is null ? null : new UploadResult(name, UploadOutcome.Unchanged, queuedSame.DocumentId, queuedSame.Id, queuedSame.Status, null);
    }

    /// <summary>Groups named by an upload exist from then on (listed, assignable to users).</summary>
    private async Task CreateGroupsAsync(IEnumerable<string> groups, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var group in groups.Where(GroupNames.IsValid))
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO groups (name, created_at) VALUES ({group}, {now}) ON CONFLICT (name) DO NOTHING", cancellationToken);
        }
    }

    /// <summary>Saves pending changes with the new job and wakes the workers (NOTIFY is delivered when the transaction commits).</summary>
    private async Task<IngestionJob> AddJobAsync(IngestionJob job, CancellationToken cancellationToken)
    {
        db.IngestionJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(JobStatements.WakeWorkers, [new NpgsqlParameter("job", job.Id)], cancellationToken);
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

    /// <summary>A stored, recognised file on its way into the database.</summary>
    private sealed record UploadedFile(string Name, string ContentType, StoredBlob Blob, string Collection, IReadOnlyList<string> AccessGroups, Guid? Replaces);
}
