using System.Text;

namespace KnowledgeBase.Core.Answering;

/// <summary>
/// Checks the citations of a streamed answer against the sources it was given. Text goes in piece by
/// piece as the model streams it; what comes out is safe to show: a marker <c>[n]</c> (or a group
/// <c>[1, 3]</c>) whose number is not a source is removed, so no reader ever sees or clicks a citation
/// to nothing. A possible marker split across pieces (<c>"[1"</c> + <c>"2]"</c>) is held back until it
/// is complete, and so is trailing whitespace, so that removing a marker also removes its space.
/// </summary>
public sealed class CitationFilter(IReadOnlySet<int> known)
{
    /// <summary>Longer than any real marker: text that long after <c>[</c> is plain text.</summary>
    private const int MaxMarkerLength = 24;

    private readonly StringBuilder pending = new();
    private readonly SortedSet<int> cited = [];

    /// <summary>The known source numbers the answer cited so far, ascending.</summary>
    public IReadOnlyList<int> CitedNumbers => [.. cited];

    /// <summary>Takes the next piece of the answer; returns the text that can be shown now (may be empty).</summary>
    public string Push(string piece)
    {
        // Most pieces are plain words: with nothing held back and no bracket, there is nothing to check.
        if (pending.Length == 0 && !piece.Contains('['))
        {
            var plainEnd = piece.Length;
            while (plainEnd > 0 && piece[plainEnd - 1] == ' ')
            {
                plainEnd--;
            }

            if (plainEnd == piece.Length)
            {
                return piece;
            }

            pending.Append(piece, plainEnd, piece.Length - plainEnd);
            return piece[..plainEnd];
        }

        pending.Append(piece);
        var text = pending.ToString();
        pending.Clear();

        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] != '[')
            {
                output.Append(text[i++]);
                continue;
            }

            var (state, length, numbers) = ReadMarker(text, i);
            if (state == MarkerState.Incomplete)
            {
                pending.Append(text, i, text.Length - i);
                i = text.Length;
                break;
            }

            if (state == MarkerState.NotAMarker)
            {
                output.Append(text[i++]);
                continue;
            }

            var kept = numbers.Where(known.Contains).Distinct().ToList();
            if (kept.Count == 0)
            {
                // Drop the marker and the space before it ("fact [9]." → "fact.").
                if (output.Length > 0 && output[^1] == ' ')
                {
                    output.Length--;
                }
            }
            else
            {
                cited.UnionWith(kept);
                output.Append(kept.Count == numbers.Count ? text.AsSpan(i, length) : "[" + string.Join(", ", kept) + "]");
            }

            i += length;
        }

        // Hold trailing whitespace (before any held-back marker): the marker after it may be dropped.
        var end = output.Length;
        while (end > 0 && output[end - 1] == ' ')
        {
            end--;
        }

        pending.Insert(0, output.ToString(end, output.Length - end));
        output.Length = end;

        return output.ToString();
    }

    /// <summary>The end of the answer: whatever was held back, as plain text.</summary>
    public string Flush()
    {
        var rest = pending.ToString();
        pending.Clear();
        return rest;
    }

    /// <summary>The whole of a finished answer, filtered (for non-streaming callers).</summary>
    public static (string Text, IReadOnlyList<int> CitedNumbers) Apply(string answer, IReadOnlySet<int> known)
    {
        var filter = new CitationFilter(known);
        var text = filter.Push(answer) + filter.Flush();
        return (text, filter.CitedNumbers);
    }

    private enum MarkerState
    {
        Complete,
        Incomplete,
        NotAMarker,
    }

    /// <summary>Reads <c>[d+ (, d+)*]</c> at <paramref name="start"/>.</summary>
    private static (MarkerState State, int Length, List<int> Numbers) ReadMarker(string text, int start)
    {
        var numbers = new List<int>();
        var digits = 0;
        var value = 0;
        for (var j = start + 1; j < text.Length; j++)
        {
            if (j - start > MaxMarkerLength)
            {
                return (MarkerState.NotAMarker, 0, numbers);
            }

            var c = text[j];
            if (char.IsAsciiDigit(c))
            {
                value = digits < 6 ? (value * 10) + (c - '0') : value;
                digits++;
            }
            else if (c is ',' or ';' or ' ')
            {
                if (digits > 0)
                {
                    numbers.Add(value);
                    digits = 0;
                    value = 0;
                }
                else if (c != ' ' || numbers.Count == 0)
                {
                    return (MarkerState.NotAMarker, 0, numbers);
                }
            }
            else if (c == ']')
            {
                if (digits > 0)
                {
                    numbers.Add(value);
                }

                return numbers.Count > 0 && digits > 0 ? (MarkerState.Complete, j - start + 1, numbers) : (MarkerState.NotAMarker, 0, numbers);
            }
            else
            {
                return (MarkerState.NotAMarker, 0, numbers);
            }
        }

        return (MarkerState.Incomplete, 0, numbers);
    }
}
