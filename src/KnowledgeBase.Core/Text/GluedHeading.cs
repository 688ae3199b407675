using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Text;

/// <summary>
/// A heading that PDF text extraction glued to the start of the sentence after it: an upper-case title
/// ("HOW PROVIDERS AFFECT YOUR COSTS - ", "CARE MANAGEMENT: "), then possibly a title-case subheading, then
/// the sentence, which starts at the last capitalised function word of that run ("… Balance Billing
/// Protection At Zava, we understand …" → "At Zava, we understand …").
/// </summary>
public static partial class GluedHeading
{
    private static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "At", "In", "On", "If", "When", "For", "With", "Our", "We", "You", "Your", "This", "These", "That",
        "It", "As", "To", "Under", "While", "Although", "Because", "Some", "Many", "Most", "All", "Each", "Every", "There",
    };

    private static readonly HashSet<string> TitleJoiners = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "vs",
    };

    /// <summary>The length of the glued heading at the start of <paramref name="line"/>, or 0 when there is none.</summary>
    public static int Length(ReadOnlySpan<char> line)
    {
        var caps = UpperCaseTitle().Match(line.ToString());
        if (!caps.Success || caps.Length >= line.Length)
        {
            return 0;
        }

        // Walk the title-case run after the upper-case title; the sentence starts at its last sentence-starter word.
        var words = WordStart().Matches(line[caps.Length..].ToString());
        var sentenceStart = caps.Length;
        foreach (Match word in words)
        {
            var value = word.Groups[1].Value.TrimEnd(',', ':', ';');
            if (value.Length == 0)
            {
                continue;
            }

            if (char.IsLower(value[0]) && !TitleJoiners.Contains(value))
            {
                break;
            }

            if (SentenceStarters.Contains(value))
            {
                sentenceStart = caps.Length + word.Groups[1].Index;
            }
        }

        return sentenceStart;
    }

    // Two or more upper-case words, then a colon or dash separator (or just the space before the next word).
    [GeneratedRegex(@"^\s*(?:[A-Z][A-Z0-9&/'’\-]+\s+){1,}[A-Z][A-Z0-9&/'’\-]+\s*(?:[:\-–]\s*|\s)", RegexOptions.CultureInvariant)]
    private static partial Regex UpperCaseTitle();

    [GeneratedRegex(@"(\S+)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex WordStart();
}
