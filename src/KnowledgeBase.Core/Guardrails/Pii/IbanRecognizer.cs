using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails.Pii;

/// <summary>IBANs: a country code, check digits and the country's length (spaces every four allowed), passing ISO 13616's mod-97 check.</summary>
public sealed partial class IbanRecognizer(PiiSettings settings) : Recognizer(GuardRules.Iban, "IBAN", settings, new ContextWords([], []))
{
    protected override bool MightMatch(ReadOnlySpan<char> fresh) => HasDigit(fresh);

    protected override IEnumerable<(int Start, int Length, double Score)> Candidates(string text, int startAt)
    {
        var iban = new char[34];
        foreach (Match m in Pattern().Matches(text, startAt))
        {
            if (Checksums.IbanLength(m.ValueSpan[..2]) is not { } length)
            {
                continue;
            }

            // The pattern may run into a following group of capitals or digits: the country's length decides where it ends.
            var n = 0;
            var end = m.Index;
            while (end < m.Index + m.Length && n < length)
            {
                if (text[end] != ' ')
                {
                    iban[n++] = text[end];
                }

                end++;
            }

            if (n == length && (end == text.Length || !char.IsAsciiLetterOrDigit(text[end])) && Checksums.IbanMod97(iban.AsSpan(0, n)))
            {
                yield return (m.Index, end - m.Index, 1.0);
            }
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
