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
        if (!MightMatch(text))
        {
            return;
        }

        foreach (var (start, length, score) in Candidates(text))
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

    /// <summary>A cheap test that skips the patterns for text that cannot contain a match (most of an answer).</summary>
    protected abstract bool MightMatch(string text);

    protected abstract IEnumerable<(int Start, int Length, double Score)> Candidates(string text);

    protected static bool HasDigit(string text) => text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;

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
