using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails;

/// <summary>A list of terms under one rule (a blocklist entry, the payloads of a planted instruction).</summary>
public sealed record TermSet(string Rule, string Kind, IReadOnlyList<string> Terms, bool WholeWord = true, bool CaseSensitive = false, GuardAction? Action = null);

/// <summary>
/// Finds terms and phrases (any whitespace between a phrase's words). Holds back the end of the text when it is the
/// start of a term (<c>Project Ti</c> before <c>Project Titan</c>), so a term split across chunks is still caught.
/// </summary>
public sealed class TermDetector : IDetector
{
    private readonly List<(TermSet Set, Regex Pattern, string[] Normalised)> sets;

    public TermDetector(IEnumerable<TermSet> termSets)
    {
        sets = [.. termSets.Where(s => s.Terms.Any(t => !string.IsNullOrWhiteSpace(t))).Select(s => (s, Compile(s), s.Terms.Select(t => Normalise(t, s.CaseSensitive)).Where(t => t.Length > 0).ToArray()))];
        Rules = [.. sets.Select(s => s.Set.Rule).Distinct()];
    }

    public IReadOnlyList<string> Rules { get; }

    public bool IsEmpty => sets.Count == 0;

    public void Detect(string text, int from, List<Detection> found)
    {
        foreach (var (set, pattern, _) in sets)
        {
            // A term's start was held back while it could still become the term: matches begin in the held text.
            foreach (Match m in pattern.Matches(text, Math.Max(0, from - 1)))
            {
                if (m.Index + m.Length > from)
                {
                    found.Add(new Detection(set.Rule, set.Kind, m.Index, m.Length, 1, set.Action));
                }
            }
        }
    }

    public int HoldFrom(string text)
    {
        var hold = text.Length;
        foreach (var (set, _, terms) in sets)
        {
            foreach (var term in terms)
            {
                for (var p = Math.Max(0, text.Length - (2 * term.Length) - 8); p < hold; p++)
                {
                    if ((!set.WholeWord || p == 0 || !char.IsLetterOrDigit(text[p - 1])) && IsProperPrefix(text, p, term, set.CaseSensitive))
                    {
                        hold = p;
                        break;
                    }
                }
            }
        }

        return hold;
    }

    /// <summary>Whether text[p..] (whitespace runs read as one space) is a proper prefix of the term.</summary>
    private static bool IsProperPrefix(string text, int p, string term, bool caseSensitive)
    {
        var t = 0;
        var i = p;
        while (i < text.Length)
        {
            if (t >= term.Length)
            {
                return false;
            }

            if (char.IsWhiteSpace(text[i]))
            {
                if (term[t] != ' ' || i == p)
                {
                    return false;
                }

                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                t++;
                continue;
            }

            var c = caseSensitive ? text[i] : char.ToLowerInvariant(text[i]);
            if (c != term[t])
            {
                return false;
            }

            i++;
            t++;
        }

        return i > p && t < term.Length;
    }

    private static string Normalise(string term, bool caseSensitive)
    {
        var words = term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var joined = string.Join(' ', words);
        return caseSensitive ? joined : joined.ToLowerInvariant();
    }

    private static Regex Compile(TermSet set)
    {
        var pattern = new StringBuilder(set.WholeWord ? @"(?<![\p{L}\p{N}_])(?:" : "(?:");
        var first = true;
        foreach (var term in set.Terms.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            pattern.Append(first ? string.Empty : "|").Append(string.Join(@"\s+", term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)));
            first = false;
        }

        pattern.Append(set.WholeWord ? @")(?![\p{L}\p{N}_])" : ")");
        return new Regex(pattern.ToString(), (set.CaseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase) | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}
