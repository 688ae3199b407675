namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// Where a document is in its life. Until its first version is ready it follows its job's step;
/// once ready it stays ready (a later version's progress and failure are shown on its job).
/// Stored under the names in <see cref="StatusNames"/>; the allowed changes are in <see cref="Lifecycle"/>.
/// </summary>
public enum DocumentStatus
{
    Queued,
    Parsing,
    Chunking,
    Embedding,
    Ready,
    Failed,
}
