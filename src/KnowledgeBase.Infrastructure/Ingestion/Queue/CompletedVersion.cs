namespace KnowledgeBase.Infrastructure.Ingestion.Queue;

/// <summary>What a finished job writes onto its document.</summary>
public sealed record CompletedVersion(string Title, int? PageCount, int ChunkCount, IReadOnlyList<string> Warnings, string EmbeddingModel);
