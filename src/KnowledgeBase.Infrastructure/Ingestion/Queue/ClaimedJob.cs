namespace KnowledgeBase.Infrastructure.Ingestion.Queue;

/// <summary>A job this worker holds the lease on. <see cref="ReplacesReadyVersion"/>: the document is already searchable.</summary>
public sealed record ClaimedJob(
    long Id,
    Guid DocumentId,
    string BlobSha256,
    string SourceName,
    string ContentType,
    long SizeBytes,
    int Attempts,
    bool ReplacesReadyVersion,
    string WorkerId);
