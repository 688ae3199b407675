namespace KnowledgeBase.Core.Guardrails.Secrets;

/// <summary>Finds the secret formats of the enabled secret rules; holds back an unfinished token or an open key block.</summary>
public sealed class SecretDetector(IReadOnlyList<SecretPattern> patterns) : IDetector
{
    private readonly bool blocks = patterns.Any(p => p.Rule == GuardRules.PrivateKey);

    public IReadOnlyList<string> Rules { get; } = [.. patterns.Select(p => p.Rule).Distinct()];

    public void Detect(string text, int from, List<Detection> found)
    {
        var fresh = text.AsSpan(from);
        var longestRun = LongestKeyRun(fresh);
        foreach (var pattern in patterns)
        {
            if (!pattern.MightMatch(text, fresh, longestRun))
            {
                continue;
            }

            // A named value's name may already be shown: scan from a little before the held text.
            var startAt = pattern.NamedValue ? Math.Max(0, from - NameReach) : Math.Max(0, from - 1);
            foreach (System.Text.RegularExpressions.Match m in pattern.Pattern.Matches(text, startAt))
            {
                var group = m.Groups["secret"];
                var (start, length) = group.Success ? (group.Index, group.Length) : (m.Index, m.Length);
                if (pattern.Rule == GuardRules.GenericSecret && InsidePublicBlock(text, start))
                {
                    continue;
                }

                if (start + length > from && (pattern.Accept is null || pattern.Accept(text.Substring(start, length))))
                {
                    // An unclosed key block is a key from its first line on.
                    var open = pattern.Rule == GuardRules.PrivateKey && !m.ValueSpan.Contains("-----END", StringComparison.Ordinal);
                    found.Add(new Detection(pattern.Rule, pattern.Kind, start, length, Open: open));
                }
            }
        }
    }

    /// <summary>How far before the held text a name (<c>aws_secret_access_key = </c>, <c>Password=</c>) may start.</summary>
    private const int NameReach = 64;

    /// <summary>The longest run of characters keys and passwords are written with (no spaces, no quotes).</summary>
    private static int LongestKeyRun(ReadOnlySpan<char> text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c is > ' ' and < '\x7f' and not ('"' or '\'' or '`' or '<' or '>' or ',' or ';') ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    /// <summary>Base64 inside a certificate or public-key block is public material, not a secret.</summary>
    private static bool InsidePublicBlock(string text, int index)
    {
        var begin = text.LastIndexOf("-----BEGIN ", index, StringComparison.Ordinal);
        if (begin < 0 || text.IndexOf("-----END", begin, index - begin, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        var labelEnd = text.IndexOf("-----", begin + 11, StringComparison.Ordinal);
        return labelEnd > 0 && !text.AsSpan(begin, labelEnd - begin).Contains("PRIVATE", StringComparison.Ordinal);
    }

    public int HoldFrom(string text) => Math.Min(HoldBack.TokenTail(text), blocks ? HoldBack.KeyBlockTail(text) : text.Length);
}
