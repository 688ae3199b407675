using System.Text.Json;
using KnowledgeBase.Core.Answering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KnowledgeBase.Infrastructure.Conversations;

/// <summary>Table mapping for conversations, messages and feedback (kept apart from the document tables).</summary>
internal sealed class ConversationModel :
    IEntityTypeConfiguration<Conversation>, IEntityTypeConfiguration<Message>, IEntityTypeConfiguration<MessageFeedback>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Conversation> c)
    {
        c.ToTable("conversations");
        c.Property(x => x.Title).HasMaxLength(Conversation.MaxTitleLength);
        // A user's conversation list, newest first.
        c.HasIndex(x => new { x.UserId, x.UpdatedAt }).IsDescending(false, true);
    }

    public void Configure(EntityTypeBuilder<Message> m)
    {
        m.ToTable("messages");
        m.HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
        m.HasOne<Message>().WithMany().HasForeignKey(x => x.ReplyToId).OnDelete(DeleteBehavior.SetNull);
        m.Property(x => x.Role).HasConversion(LowerCase<MessageRole>());
        m.Property(x => x.Status).HasConversion(LowerCase<MessageStatus>());
        m.Property(x => x.Cost).HasPrecision(18, 8);
        m.Property(x => x.CostSaved).HasPrecision(18, 8);
        m.Property(x => x.Citations)
            .HasColumnType("jsonb")
            .HasConversion(
                new ValueConverter<IReadOnlyList<Citation>, string>(
                    v => JsonSerializer.Serialize(v, Json),
                    v => JsonSerializer.Deserialize<List<Citation>>(v, Json) ?? new List<Citation>()),
                new ValueComparer<IReadOnlyList<Citation>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        m.HasIndex(x => new { x.ConversationId, x.CreatedAt });
        // The daily budget sums one user's tokens since midnight.
        m.HasIndex(x => new { x.UserId, x.CreatedAt });
        // Usage reports scan answers by date.
        m.HasIndex(x => x.CreatedAt);
    }

    public void Configure(EntityTypeBuilder<MessageFeedback> f)
    {
        f.ToTable("message_feedback");
        f.HasKey(x => x.MessageId);
        f.HasOne<Message>().WithOne().HasForeignKey<MessageFeedback>(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        f.Property(x => x.Rating).HasConversion(LowerCase<Rating>());
        f.Property(x => x.Comment).HasMaxLength(MessageFeedback.MaxCommentLength);
        f.HasIndex(x => x.UpdatedAt);
    }

    private static ValueConverter<T, string> LowerCase<T>()
        where T : struct, Enum =>
        new(v => v.ToString().ToLowerInvariant(), v => Enum.Parse<T>(v, true));
}
