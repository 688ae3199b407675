using BERTTokenizers.Base;
using KnowledgeBase.Core.Chunking;

namespace KnowledgeBase.Infrastructure.Embeddings;

/// <summary>Counts word pieces with the embedding model's own tokenizer (without [CLS]/[SEP]), so chunks fit what the model reads.</summary>
public sealed class ModelTokenCounter(EmbeddingModel model) : ITokenCounter
{
    private readonly TokenizerBase tokenizer = model.CreateTokenizer();

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
