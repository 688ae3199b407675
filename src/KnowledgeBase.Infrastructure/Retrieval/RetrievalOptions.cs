using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Infrastructure.Retrieval;

public sealed class RetrievalOptions
{
    public const string Section = "Retrieval";

    public RetrievalMode Mode { get; set; } = RetrievalMode.Hybrid;

    /// <summary>Candidates each retriever contributes to fusion.</summary>
    [Range(1, 1000)]
    public int Candidates { get; set; } = 40;

    /// <summary>Reciprocal Rank Fusion constant: score = Σ weight / (k + rank).</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 60;

    [Range(0, 10)]
    public double DenseWeight { get; set; } = 1;

    [Range(0, 10)]
    public double KeywordWeight { get; set; } = 1;

    /// <summary>HNSW search breadth (pgvector <c>hnsw.ef_search</c>); at least the candidate count.</summary>
    [Range(10, 1000)]
    public int EfSearch { get; set; } = 100;

    /// <summary>PostgreSQL text search configuration for the keyword index (changing it needs re-ingestion).</summary>
    [Required]
    [RegularExpression("^[a-z_]+$")]
    public string TextSearchConfiguration { get; set; } = "english";

    /// <summary>BM25 term-frequency saturation.</summary>
    [Range(0, 10)]
    public double Bm25K1 { get; set; } = 0.9;

    /// <summary>BM25 length normalisation.</summary>
    [Range(0, 1)]
    public double Bm25B { get; set; } = 0.4;

    /// <summary>
    /// BM25F-style weight of a title term in every chunk of the document (the body counts 1): a chunk rarely
    /// names its document, and near-identical documents differ mostly by title. Applied when a document is
    /// (re-)ingested.
    /// </summary>
    [Range(1, 10)]
    public int TitleWeight { get; set; } = 1;

    /// <summary>Weight of a heading-path term in each chunk under that heading; applied when a document is (re-)ingested.</summary>
    [Range(1, 10)]
    public int HeadingWeight { get; set; } = 1;

    /// <summary>
    /// Postings read per query term, strongest first, in the searched collection (in each collection when the
    /// search has none): caps the cost of common terms (whose weight is small anyway). Searches that end with
    /// too few results re-run reading every posting.
    /// </summary>
    [Range(10, 1_000_000)]
    public int KeywordPostingsPerTerm { get; set; } = 1000;

    /// <summary>Results whose vectors are at least this similar to a better-ranked one are dropped as near-duplicates.</summary>
    [Range(0.5, 1.0)]
    public double DuplicateSimilarity { get; set; } = 0.97;

    /// <summary>
    /// Small-to-big: chunks are ranked as embedded, then hits close together in one document become one
    /// result, widened with neighbouring chunks up to this many tokens. 0 returns the chunks as ranked.
    /// </summary>
    [Range(0, 4096)]
    public int PassageTokens { get; set; } = 512;

    /// <summary>
    /// How long a collection's chunk count and average length (BM25's N and avgdl) are reused before being
    /// counted again; BM25 tolerates small drift, and counting on every query would cost more than the search.
    /// </summary>
    [Range(0, 3600)]
    public int StatisticsMaxAgeSeconds { get; set; } = 30;

    /// <summary>
    /// Widening stays on the pages of the passage's hits: a neighbouring chunk joins only when all of it lies on
    /// those pages (formats without pages are not limited). Keeps the sources shown to a page or two each.
    /// </summary>
    public bool PassageWithinHitPages { get; set; } = true;

    /// <summary>
    /// Typo tolerance: a query term that no chunk in scope contains (e.g. "vacaton") also searches for the
    /// most similar lexeme of the scope's keyword lexicon (pg_trgm trigram similarity, at least <see cref="TypoSimilarity"/>).
    /// </summary>
    public bool TypoCorrection { get; set; } = true;

    [Range(0.1, 1.0)]
    public double TypoSimilarity { get; set; } = 0.45;
}
