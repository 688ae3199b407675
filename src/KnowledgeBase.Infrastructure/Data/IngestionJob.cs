namespace KnowledgeBase.Infrastructure.Data;

public enum JobStatus
{
    Pending,
    Running,
    Done,
    Failed,
}

/// <summary>A unit of ingestion work, claimed by one worker at a time under a lease.</summary>
public sealed class IngestionJob
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public JobStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset AvailableAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeasedBy { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
