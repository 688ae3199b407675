namespace KnowledgeBase.Api.BadInput;

/// <summary>
/// What every string arriving at the API must satisfy before anything reads it: no U+0000 (PostgreSQL refuses
/// it in text), no unpaired surrogate (not text at all), and a size no field legitimately needs.
/// Fields with a tighter limit check it themselves, with their own message.
/// </summary>
public static class TextRules
{
    /// <summary>The longest string any JSON field may hold (the longest real one, a /v1 message, is far below).</summary>
    public const int MaxStringLength = 100_000;

    /// <summary>Why <paramref name="value"/> is refused, as the end of a sentence about the field, or null when it is fine.</summary>
    public static string? Problem(string value)
    {
        if (value.Length > MaxStringLength)
        {
            return $"is too long ({value.Length:N0} characters; at most {MaxStringLength:N0})";
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            return "contains the character U+0000 (NUL), which is not allowed";
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return "contains an unpaired UTF-16 surrogate, which is not text";
            }
        }

        return null;
    }
}
