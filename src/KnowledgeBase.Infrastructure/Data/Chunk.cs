using NpgsqlTypes;
using Pgvector;

namespace KnowledgeBase.Infrastructure.Data;

public sealed class Chunk
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public int Ordinal { get; set; }
    public required string Text { get; set; }
    public int TokenCount { get; set; }
    public int? StartPage { get; set; }
    public int? EndPage { get; set; }
    public required string HeadingPath { get; set; }

    /// <summary>Where each page begins in <see cref="Text"/>, flattened as offset, page, offset, page… (null: not recorded).</summary>
    public int[]? PageStarts { get; set; }
    public required Vector Embedding { get; set; }
    /// <summary>Title (weight A), heading path (B) and text (C), written with the chunk in the configured text search configuration.</summary>
    public NpgsqlTsVector? SearchVector { get; set; }

    /// <summary>Number of indexed terms (positions) in <see cref="SearchVector"/>: BM25's document length.</summary>
    public int TermCount { get; set; }
}
