namespace KnowledgeBase.Infrastructure.Conversations;

/// <summary>
/// A user's thread of questions and answers. <see cref="UserId"/> is the sign-in's NameIdentifier as
/// text (no foreign key: conversations outlive changes to how users are stored); <see cref="UserName"/>
/// is who it was at the time, for the admin reports. Deleting a conversation erases its content but keeps
/// the accounting (<see cref="DeletedAt"/>), so usage reports stay true and a budget cannot be reset by deleting.
/// </summary>
public sealed class Conversation
{
    public const int MaxTitleLength = 120;

    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public required string Title { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}
