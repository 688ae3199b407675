using System.Text;

namespace KnowledgeBase.Core.Answering;

/// <summary>
/// Where in a document a citation points: the deepest heading of its heading path as a slug (the web
/// viewer gives every rendered heading the same slug as its id), or for plain text a text fragment of the
/// cited sentence (browsers scroll to <c>#:~:text=…</c> and highlight it).
/// </summary>
public static class HeadingAnchor
{
    /// <summary>"2. Passwords &amp; PINs" → "2-passwords-pins" (lower case, letters and digits, single hyphens).</summary>
    public static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (var c in heading.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }

    /// <summary>The anchor for a passage of <paramref name="sourceName"/> under <paramref name="headingPath"/>, citing <paramref name="sentence"/>.</summary>
    public static string? For(string sourceName, string headingPath, string? sentence)
    {
        var extension = Path.GetExtension(sourceName).ToLowerInvariant();
        if (extension is ".md" or ".markdown" or ".html" or ".htm")
        {
            var deepest = headingPath.Split(" > ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            return deepest is null ? null : Slug(deepest);
        }

        if (extension is ".txt" && sentence is { Length: > 0 })
        {
            var words = sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(8);
            return ":~:text=" + Uri.EscapeDataString(string.Join(' ', words));
        }

        return null;
    }
}
