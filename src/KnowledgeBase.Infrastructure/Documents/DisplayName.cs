using System.Text;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// Turns an uploaded file name into safe display text: no directories (either slash), no control
/// characters, bounded length. It is still only ever shown, never used as a path.
/// </summary>
public static class DisplayName
{
    private const int MaxLength = 255;

    /// <summary>An "extension" longer than this is just part of a long name (kept whole it could not fit).</summary>
    private const int MaxExtensionLength = 16;

    public static string From(string? fileName)
    {
        var name = (fileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var clean = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsControl(c) && c is not ('\u200B' or '\u202E' or '\uFEFF'))
            {
                clean.Append(c);
            }
        }

        var result = clean.ToString().Trim().Trim('.').Trim();
        if (result.Length > MaxLength)
        {
            var extension = Path.GetExtension(result);
            extension = extension.Length <= MaxExtensionLength ? extension : string.Empty;
            result = result[..(MaxLength - extension.Length)] + extension;
        }

        // Cutting to length may split a surrogate pair, which PostgreSQL cannot store.
        return result.Length == 0 ? "unnamed" : StorableText.Clean(result);
    }
}
