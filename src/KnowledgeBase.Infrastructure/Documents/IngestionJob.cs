namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// One version of a document to ingest, claimed by one worker at a time under a lease. The job
/// carries the version's bytes (by blob hash) and name; the document row only changes when the
/// job completes, so the previous version stays searchable until then. Created here as pending;
/// every later change is one of the queue's statements (<see cref="JobStatements"/>).
/// </summary>
public sealed class IngestionJob
{
    private IngestionJob()
    {
    }

    public long Id { get; private set; }

    public Guid DocumentId { get; private set; }

    public JobStatus Status { get; private set; }

    /// <summary>Blob key (SHA-256 hex) of the bytes to ingest.</summary>
    public string BlobSha256 { get; private set; } = string.Empty;

    public string SourceName { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    public long SizeBytes { get; private set; }

    /// <summary>The pipeline step the job is in, for progress display.</summary>
    public DocumentStatus Stage { get; private set; }

    public int Progress { get; private set; }

    /// <summary>Claims so far, counted when a worker takes the job.</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset AvailableAt { get; private set; }

    public DateTimeOffset? LeaseUntil { get; private set; }

    public string? LeasedBy { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A job for the given bytes of a document, due at once.</summary>
    public static IngestionJob Pending(Guid documentId, string blobSha256, string sourceName, string contentType, long sizeBytes, DateTimeOffset now) => new()
    {
        DocumentId = documentId,
        Status = JobStatus.Pending,
        BlobSha256 = blobSha256,
        SourceName = sourceName,
        ContentType = contentType,
        SizeBytes = sizeBytes,
        Stage = DocumentStatus.Queued,
        AvailableAt = now,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
