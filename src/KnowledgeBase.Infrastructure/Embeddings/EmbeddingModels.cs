namespace KnowledgeBase.Infrastructure.Embeddings;

public static class EmbeddingModels
{
    public const string MiniLm = "all-MiniLM-L6-v2";
}
