namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>An access group. Documents name their groups in <c>documents.access_groups</c> (the retrieval SQL filters on it).</summary>
public sealed class Group
{
    public const int MaxNameLength = 64;

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
