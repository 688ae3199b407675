using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Text;

/// <summary>Splits prose into sentences without breaking on common abbreviations or decimals.</summary>
public static partial class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "no", "fig", "inc", "ltd", "co", "st", "approx", "dept", "jr", "sr", "p", "pp",
    };

    public static IReadOnlyList<string> Split(string text) => [.. Spans(text).Select(r => text[r])];

    /// <summary>Where each sentence is in <paramref name="text"/> (trimmed), in order; the last one may still be unfinished in a streamed text.</summary>
    public static IReadOnlyList<Range> Spans(string text)
    {
        var sentences = new List<Range>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return sentences;
        }

        var start = 0;
        foreach (Match boundary in Boundary().Matches(text))
        {
            var end = boundary.Index + 1;
            if (boundary.Value[0] == '.' && EndsWithAbbreviation(text, boundary.Index))
            {
                continue;
            }

            Add(sentences, text, start, end);
            start = boundary.Index + boundary.Length;
        }

        Add(sentences, text, start, text.Length);
        return sentences;
    }

    /// <summary>
    /// Where each sentence of <paramref name="text"/> is, trimmed of surrounding whitespace. Every line break
    /// ends a sentence too: a heading, list item or table row is a line of its own and never runs into the
    /// sentence after it.
    /// </summary>
    public static IReadOnlyList<TextRange> Ranges(string text)
    {
        var ranges = new List<TextRange>();
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            // PDFs glue a heading to the sentence after it on one line ("CARE MANAGEMENT: Prior Authorization The plan…").
            var start = lineStart + GluedHeading.Length(text.AsSpan(lineStart, lineEnd - lineStart));
            AddRange(ranges, text, lineStart, start);
            var lineText = text[start..lineEnd];
            var offset = start;
            foreach (var boundary in LineBoundary().EnumerateMatches(lineText))
            {
                var at = offset + boundary.Index;
                if (text[at] == '.' && EndsWithAbbreviation(text, at))
                {
                    continue;
                }

                AddItems(ranges, text, start, at + 1);
                start = at + boundary.Length;
            }

            AddItems(ranges, text, start, lineEnd);
            lineStart = lineEnd + 1;
        }

        return ranges;
    }

    /// <summary>Adds the sentence, split before each inline bullet (one PDF line often holds several "•" items).</summary>
    private static void AddItems(List<TextRange> ranges, string text, int start, int end)
    {
        var bullet = text.IndexOfAny(Bullets, start + 1, end - start - 1 > 0 ? end - start - 1 : 0);
        while (bullet > start && bullet < end)
        {
            AddRange(ranges, text, start, bullet);
            start = bullet;
            bullet = start + 1 < end ? text.IndexOfAny(Bullets, start + 1, end - start - 1) : -1;
        }

        AddRange(ranges, text, start, end);
    }

    private static readonly char[] Bullets = ['•', '▪'];

    private static void AddRange(List<TextRange> ranges, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            ranges.Add(new TextRange(start, end - start));
        }
    }

    private static void Add(List<Range> sentences, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(start..end);
        }
    }

    private static bool EndsWithAbbreviation(string text, int dotIndex)
    {
        var wordStart = dotIndex;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..dotIndex];
        return word.Length > 0 && (Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0])));
    }

    // Within a line: terminal punctuation (optionally closed by a quote or bracket), whitespace, a likely sentence start.
    [GeneratedRegex(@"[.!?][""'”’)\]]*\s+(?=[""'“‘(\[]?[\p{Lu}\p{N}•▪])", RegexOptions.CultureInvariant)]
    private static partial Regex LineBoundary();

    // Terminal punctuation (optionally closed by a quote or bracket), then whitespace, then a likely sentence start.
    [GeneratedRegex(@"[.!?][""'”’)\]]*\s+(?=[""'“‘(\[]?[\p{Lu}\p{N}])|\n\s*\n", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();
}
