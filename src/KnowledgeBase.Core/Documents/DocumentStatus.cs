namespace KnowledgeBase.Core.Documents;

/// <summary>Where a document is in its life; stored as lower-case text.</summary>
public enum DocumentStatus
{
    Queued,
    Parsing,
    Chunking,
    Embedding,
    Ready,
    Failed,
}
