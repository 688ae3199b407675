using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails.Pii;

/// <summary>
/// US Social Security numbers with valid area, group and serial: <c>123-45-6789</c> scores high enough alone,
/// spaced or bare nine digits need a context word ("SSN", "social security").
/// </summary>
public sealed partial class UsSsnRecognizer(PiiSettings settings) : Recognizer(GuardRules.UsSsn, "social security number", settings, Context)
{
    private static readonly ContextWords Context = new(
        ["ssn", "social security", "social sec", "taxpayer", "tin", "itin", "ss"],
        ["order", "part", "ref", "reference", "serial", "invoice", "model", "isbn", "phone", "tel", "fax", "call", "sku", "routing", "zip", "version"]);

    protected override bool MightMatch(ReadOnlySpan<char> fresh) => HasDigit(fresh);

    protected override IEnumerable<(int Start, int Length, double Score)> Candidates(string text, int startAt)
    {
        foreach (Match m in Pattern().Matches(text, startAt))
        {
            var area = int.Parse(m.Groups["area"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
            var group = int.Parse(m.Groups["group"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
            var serial = int.Parse(m.Groups["serial"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
            if (Checksums.ValidSsn(area, group, serial))
            {
                var separator = m.Groups["sep"].Value;
                yield return (m.Index, m.Length, separator == "-" ? 0.55 : separator == " " ? 0.3 : 0.1);
            }
        }
    }

    [GeneratedRegex(@"(?<![\d-])(?<area>\d{3})(?<sep>[- ]?)(?<group>\d{2})\k<sep>(?<serial>\d{4})(?![\d]|-\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
