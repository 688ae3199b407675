namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// A file to add: <see cref="FileName"/> is display text only; <see cref="Replaces"/> names the document it is a
/// new version of; <see cref="DeclaredLength"/> (when the sender said) lets a file over the limit be refused unread.
/// </summary>
public sealed record UploadRequest(
    string? FileName,
    Stream Content,
    string? Collection,
    IReadOnlyList<string> AccessGroups,
    Guid? Replaces = null,
    long? DeclaredLength = null);
