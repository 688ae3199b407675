using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails.Pii;

/// <summary>
/// Payment card numbers: 13–19 digits, written continuously or in the networks' groups (4-4-4-4, 4-6-5), that
/// pass the Luhn check. A known issuer prefix and length make it a card on its own; another Luhn-valid number needs
/// a context word ("card", "visa"). Other groupings (ISBNs, phone numbers) are not cards.
/// </summary>
public sealed partial class PaymentCardRecognizer(PiiSettings settings) : Recognizer(GuardRules.PaymentCard, "card number", settings, Context)
{
    private static readonly ContextWords Context = new(
        ["card", "credit", "debit", "visa", "mastercard", "amex", "american express", "discover", "payment", "pan", "cvv", "cc", "expir", "maestro", "jcb"],
        ["order", "invoice", "tracking", "isbn", "ref", "reference", "serial", "imei", "iccid", "shipment", "sku", "barcode", "ean", "upc"]);

    protected override bool MightMatch(ReadOnlySpan<char> fresh) => HasDigit(fresh);

    protected override IEnumerable<(int Start, int Length, double Score)> Candidates(string text, int startAt)
    {
        var digits = new char[19];
        foreach (Match m in Pattern().Matches(text, startAt))
        {
            var n = 0;
            foreach (var c in m.ValueSpan)
            {
                if (char.IsAsciiDigit(c) && n < digits.Length)
                {
                    digits[n++] = c;
                }
            }

            if (n is >= 13 and <= 19 && Checksums.Luhn(digits.AsSpan(0, n)))
            {
                yield return (m.Index, m.Length, Checksums.KnownCardIssuer(digits.AsSpan(0, n)) ? 0.9 : 0.3);
            }
        }
    }

    [GeneratedRegex(@"(?<![\d-])(?:\d{13,19}|\d{4}(?<sep>[ -])\d{4}\k<sep>\d{4}\k<sep>\d{4}(?:\k<sep>\d{1,3})?|\d{4}(?<amex>[ -])\d{6}\k<amex>\d{4,5})(?![\d]|-\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
