using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// A blocklist entry's regular expressions. A regex cannot say whether a text's end is the start of a match, so
/// while such an entry applies, each sentence is held until it ends (use terms where streaming latency matters).
/// </summary>
public sealed class PatternDetector(string rule, string kind, IReadOnlyList<Regex> patterns, GuardAction? action) : IDetector
{
    public IReadOnlyList<string> Rules { get; } = [rule];

    public void Detect(string text, int from, List<Detection> found)
    {
        foreach (var pattern in patterns)
        {
            foreach (Match m in pattern.Matches(text))
            {
                if (m.Length > 0 && m.Index + m.Length > from)
                {
                    found.Add(new Detection(rule, kind, m.Index, m.Length, 1, action));
                }
            }
        }
    }

    public int HoldFrom(string text)
    {
        var spans = Text.SentenceSplitter.Spans(text);
        return spans.Count == 0 ? text.Length : spans[^1].Start.Value;
    }
}
