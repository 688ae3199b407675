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

    public static string Join(IEnumerable<string> chunks)
    {
        var text = new System.Text.StringBuilder();
        foreach (var chunk in chunks)
        {
            if (text.Length == 0)
            {
                text.Append(chunk);
                continue;
            }

            var repeated = RepeatedPrefix(text, chunk);
            var rest = chunk.AsSpan(repeated).TrimStart();
            if (rest.Length > 0)
            {
                text.Append('\n').Append(rest);
            }
        }

        return text.ToString();
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
