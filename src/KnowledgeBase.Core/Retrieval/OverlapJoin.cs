using KnowledgeBase.Core.Chunking;

namespace KnowledgeBase.Core.Retrieval;

/// <summary>
/// Joins consecutive chunks of one document into one text. The chunker repeats the last sentences of
/// a chunk at the start of the next (overlap), so each chunk's longest prefix that the text so far
/// already ends with is dropped.
/// </summary>
public static class OverlapJoin
{
    private const int MaxOverlapChars = 4000;

    // Shorter matches are as likely to be chance ("the") as overlap; repeating a short sentence is harmless.
    private const int MinOverlapChars = 16;

    public static string Join(IEnumerable<string> chunks) => Join(chunks.Select(c => (c, (IReadOnlyList<PageStart>)[])).ToList()).Text;

    /// <summary>Joins the chunks and carries each chunk's page starts over to where its text lands in the joined text.</summary>
    public static (string Text, IReadOnlyList<PageStart> PageStarts) Join(IReadOnlyList<(string Text, IReadOnlyList<PageStart> PageStarts)> chunks)
    {
        var text = new System.Text.StringBuilder();
        var pageStarts = new List<PageStart>();
        foreach (var (chunk, starts) in chunks)
        {
            var dropped = 0;
            if (text.Length > 0)
            {
                var rest = chunk.AsSpan(RepeatedPrefix(text, chunk)).TrimStart();
                if (rest.Length == 0)
                {
                    continue;
                }

                dropped = chunk.Length - rest.Length;
                text.Append('\n');
            }

            var at = text.Length;
            text.Append(chunk.AsSpan(dropped));
            foreach (var start in starts)
            {
                // A page that begins inside the repeated overlap begins where the rest of this chunk lands.
                if (pageStarts.Count == 0 || pageStarts[^1].Page != start.Page)
                {
                    pageStarts.Add(new PageStart(at + Math.Max(0, start.Offset - dropped), start.Page));
                }
            }
        }

        return (text.ToString(), pageStarts);
    }

    /// <summary>Length of the longest prefix of <paramref name="next"/>, ending at a word boundary, that <paramref name="text"/> ends with.</summary>
    private static int RepeatedPrefix(System.Text.StringBuilder text, string next)
    {
        var tailLength = Math.Min(text.Length, Math.Min(next.Length, MaxOverlapChars));
        var tail = text.ToString(text.Length - tailLength, tailLength);
        for (var length = tailLength; length >= MinOverlapChars; length--)
        {
            var start = tailLength - length;
            var boundary = (length == next.Length || char.IsWhiteSpace(next[length]))
                && (start == 0 || char.IsWhiteSpace(tail[start - 1]))
                && tail[start] == next[0];
            if (boundary && tail.AsSpan(start).SequenceEqual(next.AsSpan(0, length)))
            {
                return length;
            }
        }

        return 0;
    }
}
