namespace KnowledgeBase.Core.Retrieval;

/// <summary>
/// What a caller may read: documents with no groups, or sharing a group with the caller; admins read
/// everything. Applied inside the search SQL, never after it.
/// </summary>
public sealed record AccessScope(IReadOnlyList<string> Groups, bool SeesEverything, string? Collection = null)
{
    public static AccessScope Everything(string? collection = null) => new([], true, collection);
}
