using System.Text;

namespace KnowledgeBase.Core.Text;

/// <summary>
/// Text as PostgreSQL will store it: <c>text</c> columns refuse U+0000, and an unpaired UTF-16 surrogate
/// cannot be encoded as UTF-8. Document text is cleaned of both (NULs dropped, lone surrogates replaced
/// with U+FFFD); anything else is left alone.
/// </summary>
public static class StorableText
{
    public static string Clean(string text)
    {
        var index = FirstUnstorable(text);
        if (index < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, index);
        for (var i = index; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return clean.ToString();
    }

    /// <summary>Whether PostgreSQL stores the text as it is.</summary>
    public static bool IsStorable(string text) => FirstUnstorable(text) < 0;

    /// <summary>Where the first character PostgreSQL would refuse is, or -1.</summary>
    private static int FirstUnstorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return i;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }
}
