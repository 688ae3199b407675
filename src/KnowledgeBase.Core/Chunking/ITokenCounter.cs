namespace KnowledgeBase.Core.Chunking;

/// <summary>
/// Counts tokens the way the embedding model does, so chunks never exceed what it reads.
/// A seam: the model's word-piece tokenizer in production, a whitespace counter in unit tests.
/// </summary>
public interface ITokenCounter
{
    int CountTokens(string text);
}
