using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Evaluation;

/// <summary>Answer-level metrics: SQuAD token F1, the citations of a ground truth, and refusal detection.</summary>
public static partial class QaMetrics
{
    private static readonly string[] RefusalPhrases =
    [
        "could not find", "couldn't find", "cannot find", "can't find", "unable to find", "not able to find",
        "don't know", "do not know",
        "do not contain", "does not contain", "don't contain", "doesn't contain",
        "not mentioned", "no information",
        "cannot answer", "can't answer", "unable to answer", "not able to answer",
    ];

    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "a", "an", "the" };

    /// <summary>
    /// SQuAD token F1 (the official evaluation script): both sides are lower-cased, stripped of punctuation and of
    /// the articles a / an / the, split on whitespace, and compared as token multisets. Citation markers
    /// (<c>[1]</c>, <c>[2, 3]</c>, <c>[file.pdf#page=3]</c>) are removed first. As in SQuAD 2.0, when either side
    /// has no tokens the score is 1 if both are empty, else 0.
    /// </summary>
    public static double TokenF1(string prediction, string truth)
    {
        var predicted = Tokens(prediction);
        var expected = Tokens(truth);
        if (predicted.Count == 0 || expected.Count == 0)
        {
            return predicted.Count == expected.Count ? 1 : 0;
        }

        var remaining = expected.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var shared = 0;
        foreach (var token in predicted)
        {
            if (remaining.TryGetValue(token, out var left) && left > 0)
            {
                remaining[token] = left - 1;
                shared++;
            }
        }

        if (shared == 0)
        {
            return 0;
        }

        var precision = shared / (double)predicted.Count;
        var recall = shared / (double)expected.Count;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>
    /// The inline citations of a ground-truth answer, <c>[File.pdf#page=12]</c> or <c>[File.pdf]</c>, in order of
    /// first appearance and without repeats. None means the truth marks the question as unanswerable.
    /// </summary>
    public static IReadOnlyList<TruthCitation> ParseTruthCitations(string truth) =>
        FileCitation().Matches(truth)
            .Select(m => new TruthCitation(
                m.Groups["file"].Value.Trim(),
                m.Groups["page"].Success ? int.Parse(m.Groups["page"].ValueSpan) : null))
            .Distinct()
            .ToList();

    /// <summary>Whether an answer says that the documents do not hold the answer ("could not find", "not mentioned", …).</summary>
    public static bool IsRefusal(string answer)
    {
        var text = Whitespace().Replace(answer.Replace('’', '\'').Replace('‘', '\''), " ").ToLowerInvariant();
        return RefusalPhrases.Any(p => text.Contains(p, StringComparison.Ordinal));
    }

    private static List<string> Tokens(string text)
    {
        var withoutCitations = NumberCitation().Replace(FileCitation().Replace(text, " "), " ");
        var kept = new StringBuilder(withoutCitations.Length);
        foreach (var c in withoutCitations.ToLowerInvariant())
        {
            // SQuAD drops ASCII punctuation without a space ("don't" → "dont"); Unicode punctuation goes too (as in MLQA).
            if (!IsPunctuation(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString()
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !Articles.Contains(t))
            .ToList();
    }

    private static bool IsPunctuation(char c) => char.IsPunctuation(c) || (c < 128 && char.IsSymbol(c));

    // [File name.pdf] or [File_name.pdf#page=12]: a bracketed name ending in an extension, with an optional page.
    [GeneratedRegex(@"\[(?<file>[^\[\]\r\n#]*?[^\[\]\r\n#\s]\.[A-Za-z0-9]{1,5})(?:#page=(?<page>\d{1,9}))?\]", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex FileCitation();

    // [1], [2, 3], [1-3]: numbered source markers.
    [GeneratedRegex(@"\[\s*\d+(?:\s*[,;\-–]\s*\d+)*\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex NumberCitation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
