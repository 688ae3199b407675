namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// A file to add: <see cref="FileName"/> is display text only; <see cref="DeclaredLength"/> (when the sender
/// said) lets a file over the limit be refused unread; <see cref="Target"/> says where it goes.
/// </summary>
public sealed record UploadRequest(string? FileName, Stream Content, UploadTarget Target, long? DeclaredLength = null)
{
    public UploadRequest(string? fileName, Stream content, string? collection, IReadOnlyList<string> accessGroups, Guid? replaces = null)
        : this(fileName, content, new UploadTarget(collection, accessGroups, replaces))
    {
    }
}

/// <summary>
/// Where uploaded files go: the collection (null: the default one), who may read them (empty: every signed-in
/// user), and optionally the document they are a new version of.
/// </summary>
public sealed record UploadTarget(string? Collection, IReadOnlyList<string> AccessGroups, Guid? Replaces = null)
{
    /// <summary>The groups as stored: trimmed, without blanks and repeats.</summary>
    public IReadOnlyList<string> Groups { get; } = [.. AccessGroups.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal)];

    public string CollectionName { get; } = CollectionNames.OrDefault(Collection);
}
