namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>A re-ingestion: the document and its queued job, or (<see cref="AlreadyQueued"/>) the job that was already active.</summary>
public sealed record ReingestResult(Document Document, IngestionJob Job, bool AlreadyQueued);
