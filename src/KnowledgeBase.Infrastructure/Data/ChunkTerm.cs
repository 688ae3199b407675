namespace KnowledgeBase.Infrastructure.Data;

/// <summary>
/// One posting of the keyword index: a lexeme of a chunk with its term frequency and the chunk's
/// length, so BM25 can be computed in SQL (PostgreSQL's own ts_rank has no IDF; see docs/retrieval.md).
/// </summary>
public sealed class ChunkTerm
{
    public required string Lexeme { get; set; }
    public long ChunkId { get; set; }
    public Guid DocumentId { get; set; }

    /// <summary>The document's collection, copied so each collection has its own impact-ordered posting lists.</summary>
    public required string Collection { get; set; }

    public short Tf { get; set; }
    public int Len { get; set; }

    /// <summary>The posting's BM25 term weight when written (its collection's average length then); orders each posting list so a query reads the strongest postings first.</summary>
    public float Impact { get; set; }
}
