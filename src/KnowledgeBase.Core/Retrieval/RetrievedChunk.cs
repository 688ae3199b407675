using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Retrieval;

/// <summary>
/// A chunk found for a query, with enough of its document to cite it, and how each retriever
/// ranked it (1-based; null when that retriever did not return it) for debugging and evaluation.
/// With passages on (<c>Retrieval:PassageTokens</c>), the text and pages are those of the passage
/// around the best hit (<see cref="ChunkId"/>, whose ranks and scores these are); <see cref="HitChunkIds"/>
/// lists every ranked hit folded into it, and <see cref="HitText"/> / <see cref="HitPage"/> are the
/// best hit's own text and first page (what a citation quotes and opens at). <see cref="PageStarts"/>
/// says where each page begins in <see cref="Text"/> (empty when the format has no pages).
/// </summary>
public sealed record RetrievedChunk(
    long ChunkId,
    Guid DocumentId,
    string Title,
    string SourceName,
    string Text,
    int? StartPage,
    int? EndPage,
    string HeadingPath,
    double Score,
    int? DenseRank = null,
    int? KeywordRank = null,
    double? DenseScore = null,
    double? KeywordScore = null,
    IReadOnlyList<long>? HitChunkIds = null,
    string? HitText = null,
    int? HitPage = null,
    IReadOnlyList<PageStart>? PageStarts = null)
{
    /// <summary>The page holding the character at <paramref name="offset"/> of <see cref="Text"/> (the first page when unknown).</summary>
    public int? PageAt(int offset) => PageStarts is { Count: > 0 } starts ? Chunking.PageStarts.PageAt(starts, offset) : StartPage;

    /// <summary>
    /// The page of a sentence: the one holding its middle, so a sentence that runs over a page break (a list
    /// item without a full stop followed by the next page's first sentence) belongs where most of it is.
    /// </summary>
    public int? PageOf(TextRange range) => PageAt(range.Start + (range.Length / 2));
}
