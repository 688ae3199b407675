using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>The one definition of collection names: the default one and what a name may be.</summary>
public static class CollectionNames
{
    /// <summary>Where documents go when no collection is named (also the column's default).</summary>
    public const string Default = "default";

    public const int MaxLength = 100;

    /// <summary>The name as stored: trimmed, or <see cref="Default"/> when none is given.</summary>
    public static string OrDefault(string? name) => string.IsNullOrWhiteSpace(name) ? Default : name.Trim();

    /// <summary>Why the (trimmed) name cannot be used, or null when it can.</summary>
    public static string? Problem(string name) =>
        name.Length is 0 or > MaxLength ? $"'collection' must be 1 to {MaxLength} characters."
        : name.Any(char.IsControl) || !StorableText.IsStorable(name) ? "'collection' must not contain control characters or broken Unicode."
        : null;
}
