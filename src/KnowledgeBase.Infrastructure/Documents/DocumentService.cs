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
public sealed partial class DocumentService(
    KnowledgeBaseDbContext db,
    IBlobStore blobs,
    KeywordIndex keywords,
    IOptions<IngestionOptions> options,
    TimeProvider time)
{
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
        var job = IngestionJob.Pending(document.Id, document.Sha256, document.SourceName, document.ContentType, document.SizeBytes, time.GetUtcNow());
        db.IngestionJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        await WakeWorkersAsync(job.Id, cancellationToken);
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

    /// <summary>Deletes every document of a collection as <see cref="DeleteAsync"/> does; returns how many went.</summary>
    public async Task<int> DeleteCollectionAsync(string collection, CancellationToken cancellationToken)
    {
        var ids = await db.Documents.Where(d => d.Collection == collection).Select(d => d.Id).ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var id in ids)
        {
            deleted += await DeleteAsync(id, cancellationToken) ? 1 : 0;
        }

        return deleted;
    }

    /// <summary>Best effort: the job is committed, and sleeping workers poll for it anyway (Workers:PollSeconds).</summary>
    private async Task WakeWorkersAsync(long jobId, CancellationToken cancellationToken)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync(JobStatements.WakeWorkers, [new NpgsqlParameter("job", jobId)], cancellationToken);
        }
        catch (NpgsqlException)
        {
        }
    }

    /// <summary>Deletes the blob unless a document or job refers to it, holding the bytes' lock so no upload of them is half-way.</summary>
    private async Task DeleteBlobIfUnusedAsync(string sha, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockBlobAsync(sha, cancellationToken);
        var used = await db.Documents.AnyAsync(d => d.Sha256 == sha, cancellationToken)
            || await db.IngestionJobs.AnyAsync(j => j.BlobSha256 == sha, cancellationToken);
        if (!used)
        {
            await blobs.DeleteAsync(sha, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>One lock per content hash, held to the end of the transaction.</summary>
    private Task<int> LockBlobAsync(string sha, CancellationToken cancellationToken) =>
        // The two-key form: a lock space of its own, apart from the one-key name locks.
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(2, hashtext({sha}))", cancellationToken);
}
