using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Infrastructure.Caching;

/// <summary>The answer cache table: both tiers read it (the exact one by key, the semantic one through the HNSW index).</summary>
internal sealed class CacheEntryModel : IEntityTypeConfiguration<CacheEntry>
{
    public void Configure(EntityTypeBuilder<CacheEntry> e)
    {
        e.ToTable("answer_cache");
        // Room on each page for the new version of a touched row: a hit's touch (last_used_at, hits) then stays a
        // HOT update, which writes no index entry. An update that left the page would re-insert the row into every
        // index, the HNSW graph included: ~10 ms of a hit's time at 100,000 entries (kb bench cache --breakdown).
        e.HasStorageParameter("fillfactor", 70);
        e.Property(x => x.Embedding).HasColumnType($"vector({KnowledgeBaseDbContext.EmbeddingDimensions})");
        e.Property(x => x.Citations).HasColumnType("jsonb");
        e.Property(x => x.Cost).HasPrecision(18, 8);
        // Exact tier.
        e.HasIndex(x => new { x.ScopeKey, x.QuestionHash }).IsUnique();
        // Semantic tier: the scope is a predicate beside it (iterative scans keep a selective scope finding rows).
        e.HasIndex(x => x.Embedding).HasMethod("hnsw").HasOperators("vector_cosine_ops")
            .HasStorageParameter("m", 16).HasStorageParameter("ef_construction", 64);
        // Invalidation by document, by collection (refusals, purge). No index on last_used_at: it would make every
        // touch a non-HOT update (see above); eviction sorts the table instead, once every many stores.
        e.HasIndex(x => x.SourceDocuments).HasMethod("gin");
        e.HasIndex(x => x.Collection);
    }
}
