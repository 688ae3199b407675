using System.Text.RegularExpressions;

namespace SampleDocs.PdfGen;

internal enum BlockKind
{
    /// <summary>A paragraph (or a single table-like line); word-wrapped.</summary>
    Paragraph,

    /// <summary>A bold subheading inside a page.</summary>
    Subheading,

    /// <summary>A bullet item, wrapped with a hanging indent.</summary>
    Bullet,

    /// <summary>A vertical gap (a blank line in the source).</summary>
    Gap,
}

internal sealed record Block(BlockKind Kind, string Text);

internal sealed record SourcePage(string Heading, IReadOnlyList<Block> Blocks);

internal sealed record SourceDocument(string FileStem, string Title, IReadOnlyList<SourcePage> Pages);

/// <summary>
/// Parses the simple source format:
/// <code>
/// TITLE: Travel Policy
/// # comment
/// === PAGE: 1. Purpose and Scope ===
/// ## Subheading
/// - bullet item
/// A paragraph on one line.
/// </code>
/// </summary>
internal static partial class SourceParser
{
    [GeneratedRegex(@"^===\s*PAGE:\s*(?<heading>.+?)\s*===\s*$")]
    private static partial Regex PageLine();

    public static SourceDocument Parse(string fileStem, string text)
    {
        string? title = null;
        var pages = new List<SourcePage>();
        string? heading = null;
        var blocks = new List<Block>();

        void FlushPage()
        {
            if (heading is null)
            {
                return;
            }

            // Trim gaps at both ends of the page and collapse repeated gaps.
            var cleaned = new List<Block>();
            foreach (var block in blocks)
            {
                if (block.Kind == BlockKind.Gap && (cleaned.Count == 0 || cleaned[^1].Kind == BlockKind.Gap))
                {
                    continue;
                }

                cleaned.Add(block);
            }

            while (cleaned.Count > 0 && cleaned[^1].Kind == BlockKind.Gap)
            {
                cleaned.RemoveAt(cleaned.Count - 1);
            }

            pages.Add(new SourcePage(heading, cleaned));
            blocks = [];
        }

        var lineNumber = 0;
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();

            if (line == "#" || line.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("TITLE:", StringComparison.Ordinal))
            {
                title = line["TITLE:".Length..].Trim();
                continue;
            }

            var pageMatch = PageLine().Match(line);
            if (pageMatch.Success)
            {
                FlushPage();
                heading = pageMatch.Groups["heading"].Value;
                continue;
            }

            if (heading is null)
            {
                if (line.Length > 0)
                {
                    throw new FormatException($"{fileStem}:{lineNumber}: text before the first '=== PAGE: ... ===' line");
                }

                continue;
            }

            if (line.Length == 0)
            {
                blocks.Add(new Block(BlockKind.Gap, string.Empty));
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                blocks.Add(new Block(BlockKind.Subheading, line[3..].Trim()));
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                blocks.Add(new Block(BlockKind.Bullet, line[2..].Trim()));
            }
            else
            {
                blocks.Add(new Block(BlockKind.Paragraph, line));
            }
        }

        FlushPage();

        if (title is null)
        {
            throw new FormatException($"{fileStem}: missing 'TITLE:' line");
        }

        if (pages.Count == 0)
        {
            throw new FormatException($"{fileStem}: no pages");
        }

        return new SourceDocument(fileStem, title, pages);
    }
}
