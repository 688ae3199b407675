using KnowledgeBase.Core.Chunking;
using Microsoft.ML.Tokenizers;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// Counts tokens as OpenAI models do (Tiktoken; the encodings ship in NuGet data packages, nothing is
/// downloaded). Models it does not know (Ollama, vLLM) are measured with o200k_base: close enough to
/// keep a prompt within its budget.
/// </summary>
public sealed class TiktokenCounter : ITokenCounter
{
    private readonly TiktokenTokenizer tokenizer;

    public TiktokenCounter(string? encoding, string model)
    {
        tokenizer = encoding is not null ? TiktokenTokenizer.CreateForEncoding(encoding) : ForModel(model);
    }

    public int CountTokens(string text) => string.IsNullOrEmpty(text) ? 0 : tokenizer.CountTokens(text);

    private static TiktokenTokenizer ForModel(string model)
    {
        try
        {
            return TiktokenTokenizer.CreateForModel(model);
        }
        catch (NotSupportedException)
        {
            return TiktokenTokenizer.CreateForEncoding("o200k_base");
        }
    }
}
