namespace KnowledgeBase.Core.Chunking;

/// <summary>
/// A retrievable piece of a document with where it came from. <see cref="Header"/> is the context
/// embedded with the text (title and heading path, see <see cref="ChunkHeader"/>); the chunker keeps
/// header and text together within the model's window. The stored and cited text is <see cref="Text"/> alone.
/// <see cref="PageStarts"/> says where each page begins inside <see cref="Text"/> (empty for formats without pages).
/// </summary>
public sealed record TextChunk(
    int Ordinal,
    string Text,
    int TokenCount,
    int? StartPage,
    int? EndPage,
    string HeadingPath,
    string Header,
    IReadOnlyList<PageStart>? PageStarts = null)
{
    /// <summary>What the embedding model reads: the header on its own line, then the text.</summary>
    public string EmbeddingText => Header.Length > 0 ? $"{Header}\n{Text}" : Text;
}
