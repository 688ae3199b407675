namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// Where an ingestion job is in the queue. Stored under the names in <see cref="StatusNames"/>;
/// the allowed changes are in <see cref="Lifecycle"/> (done and failed are final).
/// </summary>
public enum JobStatus
{
    Pending,
    Running,
    Done,
    Failed,
}
