using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails.Pii;

/// <summary>
/// Phone numbers: international (<c>+44 20 7946 0958</c>) and North American (<c>(555) 123-4567</c>) formats score
/// high enough alone; national formats (<c>020 7946 0958</c>) and bare digit runs need a context word ("call",
/// "phone"). Words such as "order" or "ISBN" before a number say it is something else.
/// </summary>
public sealed partial class PhoneRecognizer(PiiSettings settings) : Recognizer(GuardRules.Phone, "phone number", settings, Context)
{
    private static readonly ContextWords Context = new(
        ["phone", "tel", "telephone", "call", "mobile", "cell", "fax", "contact", "dial", "reach", "whatsapp", "sms", "hotline", "ring"],
        ["order", "invoice", "ticket", "ref", "reference", "isbn", "issn", "version", "serial", "sku", "part", "tracking", "case", "receipt",
            "policy", "claim", "member", "account", "routing", "iban", "card", "ssn", "social security", "model", "batch", "lot"]);

    protected override bool MightMatch(ReadOnlySpan<char> fresh) => HasDigit(fresh);

    protected override IEnumerable<(int Start, int Length, double Score)> Candidates(string text, int startAt)
    {
        foreach (Match m in Pattern().Matches(text, startAt))
        {
            var digits = CountDigits(m.ValueSpan);
            var score = m.Groups["intl"].Success ? (digits is >= 8 and <= 15 ? 0.7 : 0)
                : m.Groups["nanp"].Success ? 0.6
                : m.Groups["national"].Success ? 0.3
                : 0.2;
            if (score > 0)
            {
                yield return (m.Index, m.Length, score);
            }
        }
    }

    [GeneratedRegex(
        @"(?<![\w+-])(?:(?<intl>\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,5})|(?<nanp>(?:1[-. ])?(?:\(\d{3}\) ?|\d{3}[-. ])\d{3}[-. ]\d{4})|(?<national>0\d{2,4}[ -]\d{3,4}[ -]?\d{3,4})|(?<bare>\d{10,11}))(?![\w-]|\.\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
