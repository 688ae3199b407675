namespace KnowledgeBase.Core.Answering;

/// <summary>Cuts finished text into word-sized pieces so a non-streaming answerer streams like a model.</summary>
public static class StreamingText
{
    public static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            // A piece is a word plus the whitespace after it.
            if (i == text.Length || (char.IsWhiteSpace(text[i - 1]) && !char.IsWhiteSpace(text[i])))
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
