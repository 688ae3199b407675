using KnowledgeBase.Core.Chunking;

namespace KnowledgeBase.Tests.Unit;

/// <summary>One token per whitespace-separated word: makes chunk limits easy to reason about.</summary>
internal sealed class WordCounter : ITokenCounter
{
    public int CountTokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
