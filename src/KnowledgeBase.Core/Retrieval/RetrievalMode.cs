namespace KnowledgeBase.Core.Retrieval;

public enum RetrievalMode
{
    /// <summary>Vector similarity only (pgvector HNSW, cosine).</summary>
    Dense,

    /// <summary>Full-text BM25 only.</summary>
    Keyword,

    /// <summary>Both, fused with Reciprocal Rank Fusion.</summary>
    Hybrid,
}
