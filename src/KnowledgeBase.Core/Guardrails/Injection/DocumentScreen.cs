using System.Buffers;
using System.Text;
using KnowledgeBase.Core.Documents;

namespace KnowledgeBase.Core.Guardrails.Injection;

/// <summary>
/// The ingestion-time check of a parsed document: zero-width characters (used to hide text or to split words past a
/// filter) are removed from every block, and text addressed to a model is reported. Both become document warnings an
/// admin sees; the text stays indexed (answer time drops or quotes the chunk), except hidden HTML, which the HTML
/// parser never indexes.
/// </summary>
public static class DocumentScreen
{
    public const string InjectionWarning = "Possible prompt injection";
    public const string HiddenTextWarning = "Hidden text not indexed";
    public const string ZeroWidthWarning = "Zero-width characters removed";

    /// <summary>At most this many injection warnings per document (one line each).</summary>
    public const int MaxWarnings = 10;

    private const int ExcerptLength = 80;

    private static readonly SearchValues<char> ZeroWidth = SearchValues.Create("\u200B\u200C\u200D\u2060\uFEFF\u180E\u00AD");

    public static ParsedDocument Screen(ParsedDocument document)
    {
        var warnings = new List<string>(document.Warnings);
        var blocks = new List<DocumentBlock>(document.Blocks.Count);
        var zeroWidthPages = new SortedSet<int>();
        var zeroWidthAnywhere = false;
        var injections = 0;
        foreach (var block in document.Blocks)
        {
            var text = block.Text;
            if (ContainsZeroWidth(text))
            {
                text = WithoutZeroWidth(text);
                zeroWidthAnywhere = true;
                if (block.Page is { } page)
                {
                    zeroWidthPages.Add(page);
                }
            }

            blocks.Add(text == block.Text ? block : block with { Text = text });
            foreach (var found in InjectionScanner.Scan(text))
            {
                if (injections++ < MaxWarnings)
                {
                    warnings.Add($"{InjectionWarning} ({found.Kind}){OnPage(block.Page)}: “{Excerpt(found.Sentence)}”");
                }
            }
        }

        if (zeroWidthAnywhere)
        {
            warnings.Add(zeroWidthPages.Count > 0 ? $"{ZeroWidthWarning} on pages {string.Join(", ", zeroWidthPages)}." : $"{ZeroWidthWarning}.");
        }

        return document with { Blocks = blocks, Warnings = warnings };
    }

    /// <summary>Zero-width space, non-joiner, joiner, word joiner, byte-order mark, Mongolian vowel separator, soft hyphen.</summary>
    public static bool IsZeroWidth(char c) => ZeroWidth.Contains(c);

    public static bool ContainsZeroWidth(string text) => text.AsSpan().ContainsAny(ZeroWidth);

    public static string WithoutZeroWidth(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsZeroWidth(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    public static string Excerpt(string text) => text.Length <= ExcerptLength ? text : text[..(ExcerptLength - 1)].TrimEnd() + "…";

    private static string OnPage(int? page) => page is { } p ? $" on page {p}" : string.Empty;
}
