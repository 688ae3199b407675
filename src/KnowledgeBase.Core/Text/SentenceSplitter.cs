using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Text;

/// <summary>Splits prose into sentences without breaking on common abbreviations or decimals.</summary>
public static partial class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "no", "fig", "inc", "ltd", "co", "st", "approx", "dept", "jr", "sr", "p", "pp",
    };

    public static IReadOnlyList<string> Split(string text)
    {
        var sentences = new List<string>();
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

            Add(sentences, text[start..end]);
            start = boundary.Index + boundary.Length;
        }

        Add(sentences, text[start..]);
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

            var start = lineStart;
            foreach (var boundary in Boundary().EnumerateMatches(text.AsSpan(lineStart, lineEnd - lineStart)))
            {
                var at = lineStart + boundary.Index;
                if (text[at] == '.' && EndsWithAbbreviation(text, at))
                {
                    continue;
                }

                AddRange(ranges, text, start, at + 1);
                start = at + boundary.Length;
            }

            AddRange(ranges, text, start, lineEnd);
            lineStart = lineEnd + 1;
        }

        return ranges;
    }

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

    private static void Add(List<string> sentences, string candidate)
    {
        var trimmed = candidate.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
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

    // Terminal punctuation (optionally closed by a quote or bracket), then whitespace, then a likely sentence start.
    [GeneratedRegex(@"[.!?][""'”’)\]]*\s+(?=[""'“‘(\[]?[\p{Lu}\p{N}])|\n\s*\n", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();
}
