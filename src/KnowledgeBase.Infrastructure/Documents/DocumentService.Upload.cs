using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Infrastructure.Storage;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// Uploads: a file is received (staged and recognised) while the request streams in, then registered: its
/// document and job are written in one transaction, and only then are its bytes stored under their key.
/// </summary>
public sealed partial class DocumentService
{
    /// <summary>Receives one file and registers it (<see cref="ReceiveAsync"/>, then <see cref="RegisterAsync"/>).</summary>
    public async Task<UploadResult> UploadAsync(UploadRequest request, CancellationToken cancellationToken)
    {
        await using var file = await ReceiveAsync(request.FileName, request.Content, request.DeclaredLength, cancellationToken);
        return file.Rejection ?? await RegisterAsync(file, request.Target, cancellationToken);
    }

    /// <summary>
    /// Takes in one file's bytes (hashed and staged, not yet stored) and recognises its format from them;
    /// a file that is too large or can never be ingested comes back refused, with nothing kept.
    /// </summary>
    public async Task<ReceivedFile> ReceiveAsync(string? fileName, Stream content, long? declaredLength, CancellationToken cancellationToken)
    {
        var name = DisplayName.From(fileName);
        var maxBytes = options.Value.MaxFileBytes;
        if (declaredLength > maxBytes)
        {
            return ReceivedFile.Refused(UploadResult.OverLimit(name, maxBytes));
        }

        StagedBlob blob;
        try
        {
            blob = await blobs.StageAsync(content, maxBytes, cancellationToken);
        }
        catch (BlobTooLargeException)
        {
            return ReceivedFile.Refused(UploadResult.OverLimit(name, maxBytes));
        }

        try
        {
            return ReceivedFile.Accepted(name, blob, ContentTypeDetector.Detect(blob.Head, name));
        }
        catch (DocumentRejectedException e)
        {
            await blob.DisposeAsync();
            return ReceivedFile.Refused(UploadResult.Rejected(name, e.Message));
        }
    }

    /// <summary>
    /// Writes the document (a new one, or a new version of the one with the same name or <c>Replaces</c>) and its job
    /// in one transaction; only then are the bytes stored under their key and the workers woken, so a failed write
    /// leaves no blob behind. The same bytes again are no work. An upload never changes who may read a document:
    /// when its groups differ from the existing document's it is refused (<see cref="UploadRefusal.GroupsDiffer"/>).
    /// </summary>
    public async Task<UploadResult> RegisterAsync(ReceivedFile file, UploadTarget target, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("ingest upload");
        if (file.Rejection is { } rejection)
        {
            return rejection;
        }

        // The Api checks the target before any file is registered; the CLI and other callers are checked here.
        if ((CollectionNames.Problem(target.CollectionName) ?? InvalidGroups(target.Groups)) is { } unusableTarget)
        {
            return UploadResult.Rejected(file.Name, unusableTarget);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(() => WriteAsync(file, target, cancellationToken));
        if (result.Outcome != UploadOutcome.Rejected)
        {
            await blobs.PlaceAsync(file.Blob!, cancellationToken);
        }

        if (result.JobId is { } jobId && result.Outcome is UploadOutcome.Queued or UploadOutcome.NewVersion)
        {
            await WakeWorkersAsync(jobId, cancellationToken);
        }

        return result;
    }

    /// <summary>The database half of an upload, in one transaction (run again as a whole by the execution strategy).</summary>
    private async Task<UploadResult> WriteAsync(ReceivedFile file, UploadTarget target, CancellationToken cancellationToken)
    {
        var (name, blob, collection) = (file.Name, file.Blob!, target.CollectionName);
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Serialises uploads of the same name into the same collection, so two of them cannot both create it;
        // then the bytes' lock, so a clean-up of the same bytes waits for this upload (or this upload for it).
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({collection + "\n" + name}))", cancellationToken);
        await LockBlobAsync(blob.Sha256, cancellationToken);

        if (await AlreadyThereAsync(file, target, cancellationToken) is { } unchanged)
        {
            return unchanged;
        }

        var existing = target.Replaces is { } id
            ? await db.Documents.FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            : await db.Documents.FirstOrDefaultAsync(d => d.Collection == collection && d.SourceName == name, cancellationToken);
        if (target.Replaces is not null && existing is null)
        {
            return UploadResult.Rejected(name, $"There is no document {target.Replaces} to replace.");
        }

        if (existing is not null && GroupsDiffer(existing, target) is { } differ)
        {
            return UploadResult.Rejected(name, $"'{name}' would become a new version of '{existing.SourceName}' ({existing.Id}) in '{existing.Collection}'; {differ}", UploadRefusal.GroupsDiffer);
        }

        var now = time.GetUtcNow();
        var document = existing ?? Document.Queue(Guid.CreateVersion7(now), name, file.ContentType!, blob.Sha256, blob.SizeBytes, collection, target.Groups, now);
        if (existing is null)
        {
            db.Documents.Add(document);
            await CreateGroupsAsync(document.AccessGroups, now, cancellationToken);
        }
        else
        {
            // Superseded versions that no worker has started are dropped; the newest bytes win.
            await db.IngestionJobs.Where(j => j.DocumentId == document.Id && j.Status == JobStatus.Pending).ExecuteDeleteAsync(cancellationToken);
            document.QueueNewVersion(now);
        }

        var job = IngestionJob.Pending(document.Id, blob.Sha256, name, file.ContentType!, blob.SizeBytes, now);
        db.IngestionJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UploadResult(name, existing is null ? UploadOutcome.Queued : UploadOutcome.NewVersion, document.Id, job.Id, document.Status, null);
    }

    /// <summary>The same bytes are in the collection already (or queued for it): the upload is no work, unless its groups differ.</summary>
    private async Task<UploadResult?> AlreadyThereAsync(ReceivedFile file, UploadTarget target, CancellationToken cancellationToken)
    {
        var (sha, collection, replaces) = (file.Blob!.Sha256, target.CollectionName, target.Replaces);
        var same = await db.Documents.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Collection == collection && d.Sha256 == sha, cancellationToken);
        if (same is not null && (same.Status is DocumentStatus.Ready or DocumentStatus.Failed || replaces is null || replaces == same.Id))
        {
            return Unchanged(file, target, same, null, same.Error);
        }

        var queued = await (
            from job in db.IngestionJobs.AsNoTracking()
            join document in db.Documents.AsNoTracking() on job.DocumentId equals document.Id
            where document.Collection == collection && job.BlobSha256 == sha && (job.Status == JobStatus.Pending || job.Status == JobStatus.Running)
            select new { JobId = job.Id, Document = document }).FirstOrDefaultAsync(cancellationToken);
        return queued is null ? null : Unchanged(file, target, queued.Document, queued.JobId, null);
    }

    private static UploadResult Unchanged(ReceivedFile file, UploadTarget target, Document same, long? jobId, string? error) =>
        GroupsDiffer(same, target) is { } differ
            ? UploadResult.Rejected(file.Name, $"The same content is already in '{same.Collection}' as '{same.SourceName}' ({same.Id}); {differ}", UploadRefusal.GroupsDiffer)
            : new UploadResult(file.Name, UploadOutcome.Unchanged, same.Id, jobId, same.Status, error);

    /// <summary>Why the upload may not go into the document (its groups are not the upload's), or null when they are the same.</summary>
    private static string? GroupsDiffer(Document document, UploadTarget target)
    {
        if (document.AccessGroups.ToHashSet(StringComparer.Ordinal).SetEquals(target.Groups))
        {
            return null;
        }

        return $"it is readable by {Readers(document.AccessGroups)}, but this upload's 'groups' say {Readers(target.Groups)}. "
            + $"An upload never changes who may read a document: upload it with the document's groups, or change them first (PATCH /api/documents/{document.Id}).";

        static string Readers(IReadOnlyCollection<string> groups) => groups.Count == 0 ? "everyone" : string.Join(", ", groups);
    }

    private static string? InvalidGroups(IReadOnlyList<string> groups)
    {
        try
        {
            GroupNames.Validate(groups);
            return null;
        }
        catch (AccountException e)
        {
            return e.Message;
        }
    }

    /// <summary>Groups named by an upload exist from then on (listed, assignable to users).</summary>
    private async Task CreateGroupsAsync(IEnumerable<string> groups, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var group in groups)
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO groups (name, created_at) VALUES ({group}, {now}) ON CONFLICT (name) DO NOTHING", cancellationToken);
        }
    }
}
