namespace KnowledgeBase.Core.Chunking;

/// <summary>A retrievable piece of a document with where it came from.</summary>
public sealed record TextChunk(
    int Ordinal,
    string Text,
    int TokenCount,
    int? StartPage,
    int? EndPage,
    string HeadingPath);
