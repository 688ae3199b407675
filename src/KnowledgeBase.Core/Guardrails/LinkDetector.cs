using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails;

/// <summary>
/// Links in an answer may only point where the sources do (a URL a source contains, or a page under it) or to an
/// allowed origin (the app's own); relative links are the app's own. Any other link is reported, and a redaction
/// keeps a Markdown link's label as plain text. A URL that only a source flagged as a planted instruction contains
/// is a sign the injection worked: it is reported under <see cref="GuardRules.InjectionEcho"/>.
/// </summary>
public sealed partial class LinkDetector : IDetector
{
    private readonly HashSet<string> trusted;
    private readonly HashSet<string> planted;
    private readonly IReadOnlyList<string> allowedOrigins;

    public LinkDetector(IEnumerable<string> trustedTexts, IEnumerable<string> plantedTexts, IReadOnlyList<string> allowedOrigins)
    {
        trusted = [.. trustedTexts.SelectMany(UrlsIn)];
        planted = [.. plantedTexts.SelectMany(UrlsIn).Where(u => !trusted.Contains(u))];
        this.allowedOrigins = [.. allowedOrigins.Select(o => Normalise(o).TrimEnd('/'))];
    }

    public IReadOnlyList<string> Rules { get; } = [GuardRules.UntrustedLink, GuardRules.InjectionEcho];

    public void Detect(string text, int from, List<Detection> found)
    {
        // A link (or a Markdown link's opening bracket) was held back whole: it is in the held text.
        var fresh = text.AsSpan(from);
        if (!fresh.Contains("://", StringComparison.Ordinal) && !fresh.Contains("www.", StringComparison.OrdinalIgnoreCase) && !fresh.Contains("](", StringComparison.Ordinal))
        {
            return;
        }

        var covered = -1;
        foreach (Match m in Markdown().Matches(text, Math.Max(0, from - 1)))
        {
            covered = m.Index + m.Length;
            var url = m.Groups["url"].Value;
            if (m.Index + m.Length > from && !IsAllowed(url, relativeAllowed: true))
            {
                var label = m.Groups["label"].Value.Trim();
                var replacement = label.Length == 0 || Url().IsMatch(label) ? null : label;
                found.Add(new Detection(RuleFor(url), "link", m.Index, m.Length, 1, null, replacement));
            }
        }

        foreach (Match m in Url().Matches(text, Math.Max(0, from - 1)))
        {
            var url = TrimTrailingPunctuation(m.Value);
            if (m.Index + url.Length > from && m.Index >= covered && !IsAllowed(url, relativeAllowed: false))
            {
                found.Add(new Detection(RuleFor(url), "link", m.Index, url.Length));
            }
        }
    }

    /// <summary>An unfinished token, or a Markdown link still open (<c>[label</c>, <c>[label]</c>, <c>[label](http…</c>).</summary>
    public int HoldFrom(string text)
    {
        var hold = HoldBack.TokenTail(text);
        var open = text.LastIndexOf('[');
        if (open >= 0 && text.Length - open < 300)
        {
            var close = text.IndexOf(']', open);
            if (close < 0 || close == text.Length - 1 || (text[close + 1] == '(' && !Balanced(text, close + 1)))
            {
                hold = Math.Min(hold, open);
            }
        }

        return hold;
    }

    /// <summary>Whether the parenthesis at <paramref name="start"/> is closed (a target may nest one pair: <c>alert(1)</c>).</summary>
    private static bool Balanced(string text, int start)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
            {
                return true;
            }
        }

        return false;
    }

    private string RuleFor(string url) => planted.Contains(Normalise(url)) ? GuardRules.InjectionEcho : GuardRules.UntrustedLink;

    private bool IsAllowed(string url, bool relativeAllowed)
    {
        if (!url.Contains(':', StringComparison.Ordinal) && !url.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("//", StringComparison.Ordinal))
        {
            // A relative link ("/documents/…", "#section") stays on the app's own origin.
            return relativeAllowed;
        }

        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && !url.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            // javascript:, data:, mailto: (an address is the e-mail rule's business) and the like are never links here.
            return url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
        }

        var normalised = Normalise(url);
        if (trusted.Contains(normalised) || allowedOrigins.Any(o => normalised == o || normalised.StartsWith(o + "/", StringComparison.Ordinal)))
        {
            return true;
        }

        // A page under a URL a source gives ("https://portal.example.com/benefits" when the source names the portal).
        foreach (var source in trusted)
        {
            if (normalised.StartsWith(source + "/", StringComparison.Ordinal) || source.StartsWith(normalised + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> UrlsIn(string text) => Url().Matches(text).Select(m => Normalise(TrimTrailingPunctuation(m.Value)));

    /// <summary>Scheme and host in lower case, no scheme for comparison, no trailing slash.</summary>
    private static string Normalise(string url)
    {
        var u = url.Trim();
        var scheme = u.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            u = u[(scheme + 3)..];
        }

        var slash = u.IndexOf('/');
        var host = slash < 0 ? u : u[..slash];
        var path = slash < 0 ? string.Empty : u[slash..];
        if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }

        return (host.ToLowerInvariant() + path).TrimEnd('/');
    }

    private static string TrimTrailingPunctuation(string url) => url.TrimEnd('.', ',', ';', ':', '!', '?', '*', '_');

    // A target may hold one level of parentheses ("javascript:alert(1)", Wikipedia-style URLs).
    [GeneratedRegex(@"(?<!\\)\[(?<label>[^\]\n]{0,200})\]\((?<url>(?:[^\s()]|\([^\s()]*\))*)(?:\s+""[^""\n]*"")?\)", RegexOptions.CultureInvariant)]
    private static partial Regex Markdown();

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>()\[\]""'`]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
