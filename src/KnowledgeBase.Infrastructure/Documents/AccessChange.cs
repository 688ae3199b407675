namespace KnowledgeBase.Infrastructure.Documents;

public enum AccessChangeOutcome
{
    Changed,

    /// <summary>The request itself is wrong (a bad collection name, invalid or unknown groups).</summary>
    Invalid,

    NotFound,

    /// <summary>The target collection already has a document with the same bytes.</summary>
    Conflict,
}

/// <summary>What became of a request to change a document's collection or groups; <see cref="Problem"/> says why it was refused.</summary>
public sealed record AccessChange(AccessChangeOutcome Outcome, Document? Document, string? Problem)
{
    public static readonly AccessChange NotFound = new(AccessChangeOutcome.NotFound, null, null);

    public static AccessChange Changed(Document document) => new(AccessChangeOutcome.Changed, document, null);

    public static AccessChange Invalid(string problem) => new(AccessChangeOutcome.Invalid, null, problem);

    public static AccessChange SameContentIn(string collection) =>
        new(AccessChangeOutcome.Conflict, null, $"The collection '{collection}' already has a document with the same content.");
}
