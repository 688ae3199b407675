using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails.Secrets;

/// <summary>
/// One secret format: its rule and reader-facing kind, the pattern (the sensitive part in a group named
/// <c>secret</c>, else the whole match), literal hints of which at least one must occur for the pattern to run
/// (fast rejection of ordinary prose), and an optional test of the value (entropy, placeholders).
/// </summary>
public sealed record SecretPattern(string Rule, string Kind, Regex Pattern, IReadOnlyList<string> Hints, Func<string, bool>? Accept = null, bool IgnoreCaseHints = false)
{
    public bool MightMatch(string text)
    {
        var comparison = IgnoreCaseHints ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var hint in Hints)
        {
            if (text.Contains(hint, comparison))
            {
                return true;
            }
        }

        return Hints.Count == 0;
    }
}
