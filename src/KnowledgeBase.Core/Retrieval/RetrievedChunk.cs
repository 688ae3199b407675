namespace KnowledgeBase.Core.Retrieval;

/// <summary>A chunk found for a query, with enough of its document to cite it.</summary>
public sealed record RetrievedChunk(
    long ChunkId,
    Guid DocumentId,
    string Title,
    string SourceName,
    string Text,
    int? StartPage,
    int? EndPage,
    string HeadingPath,
    double Score);
