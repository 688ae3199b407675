using KnowledgeBase.Infrastructure.Caching;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Guardrails;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Data;

public sealed class KnowledgeBaseDbContext(DbContextOptions<KnowledgeBaseDbContext> options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Dimension of the default embedding model (all-MiniLM-L6-v2).</summary>
    public const int EmbeddingDimensions = 384;

    public DbSet<Document> Documents => Set<Document>();
    public DbSet<Chunk> Chunks => Set<Chunk>();
    public DbSet<IngestionJob> IngestionJobs => Set<IngestionJob>();
    public DbSet<ChunkTerm> ChunkTerms => Set<ChunkTerm>();
    public DbSet<CollectionLexemeStatistic> CollectionLexemeStatistics => Set<CollectionLexemeStatistic>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageFeedback> Feedback => Set<MessageFeedback>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<UserGroup> UserGroups => Set<UserGroup>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<GuardrailEventRecord> GuardrailEvents => Set<GuardrailEventRecord>();
    public DbSet<CacheEntry> AnswerCache => Set<CacheEntry>();

    /// <summary>The ASP.NET Core data-protection key ring (cookies, antiforgery tokens), shared by every API instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ConfigureIdentity();
        builder.HasPostgresExtension("vector");
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        var documents = new DocumentModel();
        builder.ApplyConfiguration<Document>(documents);
        builder.ApplyConfiguration<IngestionJob>(documents);

        builder.Entity<Chunk>(c =>
        {
            c.ToTable("chunks");
            c.Property(x => x.Id).UseIdentityAlwaysColumn();
            c.Property(x => x.Embedding).HasColumnType($"vector({EmbeddingDimensions})");
            c.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
            c.HasIndex(x => new { x.DocumentId, x.Ordinal }).IsUnique();
            c.HasIndex(x => x.Embedding)
                .HasMethod("hnsw")
                .HasOperators("vector_cosine_ops")
                .HasStorageParameter("m", 16)
                .HasStorageParameter("ef_construction", 64);
            c.Property(x => x.SearchVector).HasColumnType("tsvector");
            c.HasIndex(x => x.SearchVector).HasMethod("gin");
        });

        var keywords = new KeywordIndexModel();
        builder.ApplyConfiguration<ChunkTerm>(keywords);
        builder.ApplyConfiguration<CollectionLexemeStatistic>(keywords);

        var conversations = new ConversationModel();
        builder.ApplyConfiguration<Conversation>(conversations);
        builder.ApplyConfiguration<Message>(conversations);
        builder.ApplyConfiguration<MessageFeedback>(conversations);
        builder.ApplyConfiguration(new GuardrailEventModel());

        builder.ApplyConfiguration(new CacheEntryModel());
    }
}
