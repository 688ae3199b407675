namespace KnowledgeBase.Infrastructure.Conversations;

public enum Rating
{
    Up,
    Down,
}

/// <summary>A user's rating of one answer; rating again replaces it.</summary>
public sealed class MessageFeedback
{
    public const int MaxCommentLength = 2000;

    public Guid MessageId { get; set; }
    public Rating Rating { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
