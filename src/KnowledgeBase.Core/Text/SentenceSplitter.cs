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
