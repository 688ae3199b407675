namespace KnowledgeBase.Core.Retrieval;

/// <summary>
/// A chunk found for a query, with enough of its document to cite it, and how each retriever
/// ranked it (1-based; null when that retriever did not return it) for debugging and evaluation.
/// With passages on (<c>Retrieval:PassageTokens</c>), the text and pages are those of the passage
/// around the best hit (<see cref="ChunkId"/>, whose ranks and scores these are); <see cref="HitChunkIds"/>
/// lists every ranked hit folded into it, and <see cref="HitText"/> / <see cref="HitPage"/> are the
/// best hit's own text and first page (what a citation quotes and opens at).
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
    int? HitPage = null);
