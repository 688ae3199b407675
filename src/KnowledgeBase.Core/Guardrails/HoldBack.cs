namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// The shapes of "this might still become a match" shared by the rules. Each returns the index from which the
/// end of a text must be held back (the text's length when nothing needs holding). Ordinary prose ends in a
/// space or punctuation and is held by none of them; a word still being written is held until it ends.
/// </summary>
public static class HoldBack
{
    /// <summary>Longer than any number-shaped entity with its separators (an IBAN is at most 34 characters plus 8 spaces).</summary>
    public const int MaxNumberTail = 48;

    /// <summary>
    /// An unfinished token: the trailing run of ASCII non-space characters an e-mail address, URL, key or token is
    /// made of (<c>jane.doe</c> may become <c>jane.doe@example.com</c>; <c>AK</c> may become an AWS key). Letters of
    /// other scripts end a token, so text without spaces (Chinese, Japanese) is not held.
    /// </summary>
    public static int TokenTail(string text)
    {
        var i = text.Length;
        while (i > 0 && IsTokenChar(text[i - 1]))
        {
            i--;
        }

        return i;
    }

    /// <summary>
    /// An unfinished number: the trailing run of digits and the separators numbers are written with
    /// (<c>4111 1111 </c> may become a card number, <c>+44 20 </c> a phone number), or an IBAN in progress
    /// (<c>DE89 3704 </c>). The run starts at a digit, <c>+</c>, <c>(</c> or an IBAN country code.
    /// </summary>
    public static int NumberTail(string text) => Math.Min(NumericTail(text), IbanTail(text));

    /// <summary>An open <c>-----BEGIN …</c> block (a private key, a certificate) is held until its <c>-----END</c> line.</summary>
    public static int KeyBlockTail(string text)
    {
        var begin = text.LastIndexOf("-----BEGIN", StringComparison.Ordinal);
        return begin >= 0 && text.IndexOf("-----END", begin, StringComparison.Ordinal) < 0 ? begin : text.Length;
    }

    public static bool IsTokenChar(char c) => c is > ' ' and < '\x7f' and not ('"' or '\'' or '`' or '<' or '>' or '(' or ')' or '[' or ']' or '{' or '}' or ',');

    private static bool IsNumberSeparator(char c) => c is ' ' or '-' or '.' or '(' or ')' or '+' or '/';

    private static int NumericTail(string text)
    {
        var i = text.Length;
        var digits = false;
        while (i > 0 && text.Length - i < MaxNumberTail)
        {
            var c = text[i - 1];
            if (char.IsAsciiDigit(c))
            {
                digits = true;
            }
            else if (!IsNumberSeparator(c) || (c == ' ' && i >= 2 && text[i - 2] == ' '))
            {
                break;
            }

            i--;
        }

        if (!digits)
        {
            return text.Length;
        }

        while (i < text.Length && !(char.IsAsciiDigit(text[i]) || text[i] is '+' or '('))
        {
            i++;
        }

        return i;
    }

    private static int IbanTail(string text)
    {
        var i = text.Length;
        while (i > 0 && text.Length - i < MaxNumberTail && (char.IsAsciiDigit(text[i - 1]) || char.IsAsciiLetterUpper(text[i - 1]) || text[i - 1] == ' '))
        {
            i--;
        }

        for (; i + 4 <= text.Length; i++)
        {
            if ((i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1])) && char.IsAsciiLetterUpper(text[i]) && char.IsAsciiLetterUpper(text[i + 1])
                && char.IsAsciiDigit(text[i + 2]) && char.IsAsciiDigit(text[i + 3]))
            {
                return i;
            }
        }

        // A country code still being written: "DE" or "DE8" at the very end.
        var start = text.Length;
        while (start > 0 && text.Length - start < 3 && char.IsAsciiLetterOrDigit(text[start - 1]))
        {
            start--;
        }

        var partial = text.AsSpan(start);
        var isPrefix = (start == 0 || !char.IsAsciiLetterOrDigit(text[start - 1])) && partial.Length > 0 && char.IsAsciiLetterUpper(partial[0])
            && (partial.Length < 2 || char.IsAsciiLetterUpper(partial[1])) && (partial.Length < 3 || char.IsAsciiDigit(partial[2]));
        return isPrefix ? start : text.Length;
    }
}
