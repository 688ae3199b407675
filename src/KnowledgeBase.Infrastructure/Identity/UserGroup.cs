namespace KnowledgeBase.Infrastructure.Identity;

public sealed class UserGroup
{
    public Guid UserId { get; set; }

    public required string GroupName { get; set; }
}
