using KnowledgeBase.Infrastructure.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>Table mapping for <c>guardrail_events</c>.</summary>
internal sealed class GuardrailEventModel : IEntityTypeConfiguration<GuardrailEventRecord>
{
    public void Configure(EntityTypeBuilder<GuardrailEventRecord> e)
    {
        e.ToTable("guardrail_events");
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        e.HasOne<Message>().WithMany().HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.SetNull);
        e.Property(x => x.Rule).HasMaxLength(64);
        e.Property(x => x.Action).HasMaxLength(16);
        e.Property(x => x.SpanKind).HasMaxLength(128);
        e.Property(x => x.Target).HasMaxLength(16);
        e.Property(x => x.Message).HasMaxLength(500);
        // The admin report counts by day; a conversation shows its answers' marks.
        e.HasIndex(x => x.CreatedAt);
        e.HasIndex(x => x.MessageId);
    }
}
