namespace KnowledgeBase.Core.Guardrails.Pii;

/// <summary>
/// A personal-data recognizer in Presidio's style: candidate spans with a base score (raised by a valid checksum),
/// adjusted by the words before them, kept when the score reaches <see cref="PiiSettings.MinScore"/> and the value
/// is not on the allow-list.
/// </summary>
public abstract class Recognizer(string rule, string kind, PiiSettings settings, ContextWords context) : IDetector
{
    public IReadOnlyList<string> Rules { get; } = [rule];

    protected PiiSettings Settings => settings;

    public void Detect(string text, int from, List<Detection> found)
    {
        // A match ending after 'from' lies in the held text (its start was held back), so the fresh part decides
        // whether any pattern needs to run; the context words before it are read from the whole text.
        if (!MightMatch(text.AsSpan(from)))
        {
            return;
        }

        foreach (var (start, length, score) in Candidates(text, Math.Max(0, from - ScanMargin)))
        {
            if (start + length <= from)
            {
                continue;
            }

            var adjusted = context.Adjust(text, start, score);
            if (adjusted >= settings.MinScore && !settings.IsAllowedValue(text.AsSpan(start, length)))
            {
                found.Add(new Detection(rule, kind, start, length, Math.Round(adjusted, 2)));
            }
        }
    }

    /// <summary>Number-shaped entities by default; e-mail addresses hold an unfinished token instead.</summary>
    public virtual int HoldFrom(string text) => HoldBack.NumberTail(text);

    /// <summary>Characters before the held text a match may start at (a separator the tail did not hold).</summary>
    private const int ScanMargin = 8;

    /// <summary>A cheap test on the held text that skips the patterns when it cannot be part of a match (most pieces of an answer).</summary>
    protected abstract bool MightMatch(ReadOnlySpan<char> fresh);

    /// <summary>Candidates starting at or after <paramref name="startAt"/> (lookbehinds still see the text before it).</summary>
    protected abstract IEnumerable<(int Start, int Length, double Score)> Candidates(string text, int startAt);

    protected static bool HasDigit(ReadOnlySpan<char> text) => text.IndexOfAnyInRange('0', '9') >= 0;

    protected static int CountDigits(ReadOnlySpan<char> value)
    {
        var n = 0;
        foreach (var c in value)
        {
            n += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return n;
    }
}
