using KnowledgeBase.Core.Documents;

namespace KnowledgeBase.Infrastructure.Data;

public enum JobStatus
{
    Pending,
    Running,
    Done,
    Failed,
}

/// <summary>
/// One version of a document to ingest, claimed by one worker at a time under a lease. The job
/// carries the version's bytes (by blob hash) and name; the document row only changes when the
/// job completes, so the previous version stays searchable until then.
/// </summary>
public sealed class IngestionJob
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public JobStatus Status { get; set; }
    /// <summary>Blob key (SHA-256 hex) of the bytes to ingest.</summary>
    public required string BlobSha256 { get; set; }
    public required string SourceName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>The pipeline step the job is in, for progress display.</summary>
    public DocumentStatus Stage { get; set; }
    public int Progress { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset AvailableAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeasedBy { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
