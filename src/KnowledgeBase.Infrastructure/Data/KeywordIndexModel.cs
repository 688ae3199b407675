using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Infrastructure.Data;

/// <summary>Table mapping for the BM25 keyword index: postings and per-collection document frequencies.</summary>
internal sealed class KeywordIndexModel : IEntityTypeConfiguration<ChunkTerm>, IEntityTypeConfiguration<CollectionLexemeStatistic>
{
    public void Configure(EntityTypeBuilder<ChunkTerm> t)
    {
        t.ToTable("chunk_terms");
        t.HasKey(x => new { x.ChunkId, x.Lexeme });
        t.HasOne<Chunk>().WithMany().HasForeignKey(x => x.ChunkId).OnDelete(DeleteBehavior.Cascade);
        // Impact-ordered posting lists per collection: a query term reads its collection's strongest postings first, index-only.
        t.HasIndex(x => new { x.Collection, x.Lexeme, x.Impact }).IsDescending(false, false, true)
            .IncludeProperties(x => new { x.ChunkId, x.DocumentId, x.Tf, x.Len });
    }

    public void Configure(EntityTypeBuilder<CollectionLexemeStatistic> s)
    {
        // Lexeme first: a query term's df in one collection and its sum over all collections are both one index range.
        s.ToTable("collection_lexeme_stats");
        s.HasKey(x => new { x.Lexeme, x.Collection });
        // Typo tolerance: a query term missing from a collection's lexicon is matched to similar lexemes (pg_trgm).
        s.HasIndex(x => x.Lexeme).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_collection_lexeme_stats_lexeme_trgm");
    }
}
