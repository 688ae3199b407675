using System.Text.RegularExpressions;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Grounding;

/// <summary>A sentence of an answer, without its markers, and the sources it cites (<c>[1]</c>, <c>[2, 3]</c>).</summary>
public sealed record AnswerClaim(string Text, TextRange Range, IReadOnlyList<int> SourceNumbers);

/// <summary>
/// Splits an answer into the claims a groundedness check or a faithfulness metric judges one by one.
/// A marker written after the full stop ("… per year. [1] Next …") belongs to the sentence before it; a
/// list item without a marker cites what the line before it cites (its lead-in or the previous item); another
/// sentence without a marker is covered by the markers of the next sentence in its paragraph.
/// </summary>
public static partial class AnswerClaims
{
    public static IReadOnlyList<AnswerClaim> Split(string answer)
    {
        var claims = new List<(TextRange Range, List<int> Sources)>();
        foreach (var range in SentenceSplitter.Ranges(answer))
        {
            var sentence = range.Of(answer);
            var leading = LeadingMarkers().Match(sentence);
            if (leading.Success && claims.Count > 0)
            {
                claims[^1].Sources.AddRange(Numbers(leading.Value));
            }

            var start = leading.Success ? leading.Length : 0;
            if (start < sentence.Length)
            {
                var sources = Numbers(sentence[start..]);
                if (sources.Count == 0 && claims.Count > 0 && ListItem().IsMatch(sentence))
                {
                    // An item of a list cites what its lead-in cites ("… include [1]:" then "- Gym memberships").
                    sources.AddRange(claims[^1].Sources);
                }

                claims.Add((new TextRange(range.Start + start, range.Length - start), sources));
            }
        }

        // A sentence without a marker, followed in the same paragraph by one with markers, is covered by them:
        // "A. This means B [1]." quotes both sentences from [1].
        for (var i = claims.Count - 2; i >= 0; i--)
        {
            if (claims[i].Sources.Count == 0 && claims[i + 1].Sources.Count > 0
                && !answer.AsSpan(claims[i].Range.End, claims[i + 1].Range.Start - claims[i].Range.End).Contains('\n'))
            {
                claims[i].Sources.AddRange(claims[i + 1].Sources);
            }
        }

        return claims
            .Select(c => new AnswerClaim(Clean(c.Range.Of(answer)), c.Range, c.Sources.Distinct().Order().ToList()))
            .Where(c => TermAnalyzer.Terms(c.Text).Count > 0)
            .ToList();
    }

    /// <summary>The claim's words without markers, spaces collapsed ("… per year [1]." → "… per year.").</summary>
    private static string Clean(string sentence) =>
        string.Join(' ', Marker().Replace(sentence, " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Replace(" .", ".", StringComparison.Ordinal)
            .Replace(" ,", ",", StringComparison.Ordinal);

    private static List<int> Numbers(string text) =>
        Marker().Matches(text)
            .SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(n => int.TryParse(n, out var number) ? number : 0)
            .Where(n => n > 0)
            .ToList();

    [GeneratedRegex(@"\[\s*(\d{1,3}(?:\s*,\s*\d{1,3})*)\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\s*(?:[-*•·]\s|\d{1,2}[.)]\s)", RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^(?:\[\s*\d{1,3}(?:\s*,\s*\d{1,3})*\s*\]\s*)+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingMarkers();
}
