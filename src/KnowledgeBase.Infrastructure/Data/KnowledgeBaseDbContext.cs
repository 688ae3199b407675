using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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

    /// <summary>The ASP.NET Core data-protection key ring (cookies, antiforgery tokens), shared by every API instance.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ConfigureIdentity();
        builder.HasPostgresExtension("vector");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        builder.Entity<Document>(d =>
        {
            d.ToTable("documents");
            d.Property(x => x.Status).HasConversion(LowerCaseEnum<DocumentStatus>());
            d.HasIndex(x => new { x.Collection, x.Sha256 }).IsUnique();
            d.HasIndex(x => new { x.Collection, x.SourceName });
            d.HasIndex(x => x.AccessGroups).HasMethod("gin");
            d.Property(x => x.Collection).HasDefaultValue("default");
        });

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

        builder.Entity<IngestionJob>(j =>
        {
            j.ToTable("ingestion_jobs");
            j.Property(x => x.Id).UseIdentityAlwaysColumn();
            j.Property(x => x.Status).HasConversion(LowerCaseEnum<JobStatus>());
            j.Property(x => x.Stage).HasConversion(LowerCaseEnum<DocumentStatus>());
            j.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
            // Workers scan for claimable jobs: pending ones that are due, or running ones whose lease expired.
            j.HasIndex(x => new { x.Status, x.AvailableAt });
            j.HasIndex(x => x.DocumentId);
            j.HasIndex(x => x.BlobSha256);
        });

        var keywords = new KeywordIndexModel();
        builder.ApplyConfiguration<ChunkTerm>(keywords);
        builder.ApplyConfiguration<CollectionLexemeStatistic>(keywords);

        var conversations = new ConversationModel();
        builder.ApplyConfiguration<Conversation>(conversations);
        builder.ApplyConfiguration<Message>(conversations);
        builder.ApplyConfiguration<MessageFeedback>(conversations);
    }

    private static ValueConverter<T, string> LowerCaseEnum<T>()
        where T : struct, Enum =>
        new(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<T>(v, true));
}
