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

    // Terminal punctuation (optionally closed by a quote or bracket), then whitespace, then a likely sentence start.
    [GeneratedRegex(@"[.!?][""'”’)\]]*\s+(?=[""'“‘(\[]?[\p{Lu}\p{N}])|\n\s*\n", RegexOptions.CultureInvariant)]
    private static partial Regex Boundary();
}
