namespace KnowledgeBase.Core.Guardrails.Pii;

/// <summary>
/// Presidio's context enhancement, both ways: a word just before a weak match that says what it is ("phone",
/// "card") raises its score; one that says it is something else ("order", "version", "ISBN") lowers it. Only the
/// words before a match count: when a streamed match completes, the words after it have not arrived yet.
/// </summary>
public sealed class ContextWords(IReadOnlyList<string> raising, IReadOnlyList<string> lowering)
{
    private readonly string[][] raising = [.. raising.Select(p => p.Split(' '))];
    private readonly string[][] lowering = [.. lowering.Select(p => p.Split(' '))];

    /// <summary>How many words before the match are read (Presidio's default window).</summary>
    public const int Window = 5;

    public const double Boost = 0.35;
    public const double Penalty = 0.4;

    /// <summary>The score after the words before <paramref name="start"/> have had their say.</summary>
    public double Adjust(string text, int start, double score)
    {
        var words = WordsBefore(text, start);
        if (Any(words, lowering))
        {
            return score - Penalty;
        }

        return Any(words, raising) ? Math.Min(1, score + Boost) : score;
    }

    /// <summary>Up to <see cref="Window"/> lower-case words before <paramref name="start"/>, nearest last.</summary>
    private static List<string> WordsBefore(string text, int start)
    {
        var words = new List<string>(Window);
        var i = start;
        while (words.Count < Window && i > 0)
        {
            while (i > 0 && !char.IsLetter(text[i - 1]))
            {
                // A line break ends the context: the line before talks about something else.
                if (text[i - 1] == '\n' && words.Count > 0)
                {
                    return words;
                }

                i--;
            }

            var end = i;
            while (i > 0 && char.IsLetter(text[i - 1]))
            {
                i--;
            }

            if (end > i)
            {
                words.Add(text[i..end].ToLowerInvariant());
            }
        }

        return words;
    }

    /// <summary>A stem matches a word it begins (a short stem must equal it: "tel" is not "tell").</summary>
    private static bool Any(List<string> words, string[][] phrases)
    {
        foreach (var parts in phrases)
        {
            for (var k = 0; k + parts.Length <= words.Count; k++)
            {
                var matched = true;
                for (var p = 0; p < parts.Length && matched; p++)
                {
                    // words[0] is the nearest word; a phrase reads left to right, so its last part is the nearest.
                    var word = words[k + p];
                    var part = parts[parts.Length - 1 - p];
                    matched = part.Length <= 3 ? word == part : word.StartsWith(part, StringComparison.Ordinal);
                }

                if (matched)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
