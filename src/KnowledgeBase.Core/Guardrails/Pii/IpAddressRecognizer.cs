using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails.Pii;

/// <summary>
/// IPv4 and IPv6 addresses. A four-part version number looks like an IPv4 address: "version", "release" or
/// "upgrade" before it (or a <c>v</c> stuck to it) says it is not one.
/// </summary>
public sealed partial class IpAddressRecognizer(PiiSettings settings) : Recognizer(GuardRules.IpAddress, "IP address", settings, Context)
{
    private static readonly ContextWords Context = new(
        ["ip", "address", "host", "server", "gateway", "dns", "subnet", "vpn", "proxy", "firewall", "router", "connect", "ping", "ssh", "endpoint", "network"],
        ["version", "ver", "release", "build", "firmware", "sdk", "package", "update", "upgrade", "patch", "revision", "chapter", "section",
            "clause", "figure", "table", "step", "oid", "paragraph", "appendix", "rule"]);

    /// <summary>IPv6 is written with hex letters and colons: an unfinished token.</summary>
    public override int HoldFrom(string text) => Math.Min(HoldBack.NumberTail(text), HoldBack.TokenTail(text));

    protected override bool MightMatch(ReadOnlySpan<char> fresh) => HasDigit(fresh) || fresh.Contains(':');

    protected override IEnumerable<(int Start, int Length, double Score)> Candidates(string text, int startAt)
    {
        foreach (Match m in V4().Matches(text, startAt))
        {
            yield return (m.Index, m.Length, 0.6);
        }

        foreach (Match m in V6().Matches(text, startAt))
        {
            if (IPAddress.TryParse(m.ValueSpan, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                yield return (m.Index, m.Length, 0.6);
            }
        }
    }

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex V4();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,7}|[0-9A-Fa-f]{1,4})(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex V6();
}
