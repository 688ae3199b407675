using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Grounding;

/// <summary>
/// The numbers a text states, normalised so that "$1,000.00", "1000" and "1000." compare equal: a claim
/// whose amount or date is nowhere in its sources is not grounded, however similar its words are.
/// </summary>
public static partial class NumberMentions
{
    public static IReadOnlySet<string> In(string text)
    {
        HashSet<string>? numbers = null;
        foreach (var match in Number().EnumerateMatches(text))
        {
            (numbers ??= new HashSet<string>(StringComparer.Ordinal)).Add(Normalise(text.AsSpan(match.Index, match.Length)));
        }

        return numbers ?? (IReadOnlySet<string>)Empty;
    }

    private static readonly HashSet<string> Empty = [];

    private static string Normalise(ReadOnlySpan<char> written)
    {
        Span<char> digits = stackalloc char[written.Length];
        var length = 0;
        foreach (var c in written)
        {
            if (c != ',')
            {
                digits[length++] = c;
            }
        }

        var number = digits[..length];
        if (number.IndexOf('.') >= 0)
        {
            number = number.TrimEnd('0').TrimEnd('.');
        }

        return number.ToString();
    }

    // Thousands separated by commas ("1,000") or plain digits, with an optional decimal part. "1, 2" is two numbers.
    [GeneratedRegex(@"(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
