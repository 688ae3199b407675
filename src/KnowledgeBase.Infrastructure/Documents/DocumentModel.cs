using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>Table mapping for documents and their ingestion jobs; statuses are stored under <see cref="StatusNames"/>.</summary>
internal sealed class DocumentModel : IEntityTypeConfiguration<Document>, IEntityTypeConfiguration<IngestionJob>
{
    private static readonly ValueConverter<DocumentStatus, string> DocumentStatusName =
        new(v => StatusNames.Of(v), v => StatusNames.Parse<DocumentStatus>(v, StatusNames.Of));

    private static readonly ValueConverter<JobStatus, string> JobStatusName =
        new(v => StatusNames.Of(v), v => StatusNames.Parse<JobStatus>(v, StatusNames.Of));

    public void Configure(EntityTypeBuilder<Document> d)
    {
        d.ToTable("documents");
        d.Property(x => x.Status).HasConversion(DocumentStatusName);
        d.HasIndex(x => new { x.Collection, x.Sha256 }).IsUnique();
        d.HasIndex(x => new { x.Collection, x.SourceName });
        d.HasIndex(x => x.AccessGroups).HasMethod("gin");
        d.Property(x => x.Collection).HasDefaultValue(CollectionNames.Default);
    }

    public void Configure(EntityTypeBuilder<IngestionJob> j)
    {
        j.ToTable("ingestion_jobs");
        j.Property(x => x.Id).UseIdentityAlwaysColumn();
        j.Property(x => x.Status).HasConversion(JobStatusName);
        j.Property(x => x.Stage).HasConversion(DocumentStatusName);
        j.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        // Workers scan for claimable jobs: pending ones that are due, or running ones whose lease expired.
        j.HasIndex(x => new { x.Status, x.AvailableAt });
        j.HasIndex(x => x.DocumentId);
        j.HasIndex(x => x.BlobSha256);
    }
}
