namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>What a signed-in user may do right now, read from the database (never from the cookie alone).</summary>
public sealed record UserAccess(
    Guid Id, string Email, string? DisplayName, string Role, IReadOnlyList<string> Groups, string SecurityStamp, DateTimeOffset? LockoutEnd)
{
    public bool IsAdmin => Role == Roles.Admin;
}
