using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails.Secrets;

/// <summary>
/// One secret format: its rule and reader-facing kind, the pattern (the sensitive part in a group named
/// <c>secret</c>, else the whole match), literal hints of which at least one must occur for the pattern to run
/// (fast rejection of ordinary prose), and an optional test of the value (entropy, placeholders).
/// A vendor format's hint is part of the value, so it must be in the held text; a named value's hint (<c>api_key =</c>)
/// may already have been shown (<see cref="NamedValue"/>): then the held text only needs a run of value characters at
/// least <see cref="MinValueLength"/> long.
/// </summary>
public sealed record SecretPattern(
    string Rule, string Kind, Regex Pattern, IReadOnlyList<string> Hints, Func<string, bool>? Accept = null, bool IgnoreCaseHints = false,
    bool NamedValue = false, int MinValueLength = 0)
{
    /// <param name="text">The text being judged (context included).</param>
    /// <param name="fresh">Its held part, where a match must end.</param>
    /// <param name="longestRun">The longest run of key characters in the held part.</param>
    public bool MightMatch(string text, ReadOnlySpan<char> fresh, int longestRun)
    {
        if (longestRun < MinValueLength)
        {
            return false;
        }

        var comparison = IgnoreCaseHints ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var scope = NamedValue ? text.AsSpan() : fresh;
        foreach (var hint in Hints)
        {
            if (scope.Contains(hint, comparison))
            {
                return true;
            }
        }

        return Hints.Count == 0;
    }
}
