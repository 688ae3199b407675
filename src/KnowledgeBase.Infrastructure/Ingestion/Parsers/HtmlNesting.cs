namespace KnowledgeBase.Infrastructure.Ingestion.Parsers;

/// <summary>
/// How deep an HTML page nests its elements, read from the tags in one pass before any tree is built
/// (building the tree of a deeply nested page is quadratic: every new element searches the stack of
/// open ones). Void elements, elements whose end tag may be left out, self-closed tags and the text of
/// scripts, styles, comments and the like do not count; an unclosed element nests what follows it, as
/// a browser would.
/// </summary>
internal static class HtmlNesting
{
    private static readonly HashSet<string> Flat = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "colgroup",
        "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "textarea", "title", "xmp", "plaintext" };

    /// <summary>True when the tags open more than <paramref name="limit"/> elements inside one another somewhere.</summary>
    public static bool Exceeds(string html, int limit)
    {
        var depth = 0;
        var position = 0;
        while ((position = html.IndexOf('<', position)) >= 0 && position + 1 < html.Length)
        {
            var next = html[position + 1];
            if (next == '!' || next == '?')
            {
                position = SkipPast(html, position, html.AsSpan(position).StartsWith("<!--") ? "-->" : ">");
                continue;
            }

            var closing = next == '/';
            var nameStart = position + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                position++;
                continue;
            }

            var name = html[nameStart..nameEnd];
            var tagEnd = SkipPast(html, nameEnd, ">");
            if (closing)
            {
                depth -= Flat.Contains(name) || depth == 0 ? 0 : 1;
            }
            else if (RawText.Contains(name))
            {
                tagEnd = SkipPast(html, tagEnd, "</" + name);
            }
            else if (!Flat.Contains(name) && html[tagEnd - 2] != '/' && ++depth > limit)
            {
                return true;
            }

            position = tagEnd;
        }

        return false;
    }

    private static int SkipPast(string html, int from, string marker)
    {
        var found = html.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase);
        return found < 0 ? html.Length : found + marker.Length;
    }
}
