namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>One file to ingest. <paramref name="SourceName"/> is display text only; it never becomes a path.</summary>
public sealed record IngestionRequest(
    string SourceName,
    ReadOnlyMemory<byte> Content,
    string Collection,
    IReadOnlyList<string> AccessGroups);

public enum IngestionOutcome
{
    New,
    Updated,
    Unchanged,
    Failed,
}

public sealed record IngestionResult(
    Guid? DocumentId,
    string SourceName,
    IngestionOutcome Outcome,
    int Chunks,
    int? Pages,
    string? Reason,
    IReadOnlyList<string> Warnings);
