namespace KnowledgeBase.Core.Guardrails.Secrets;

/// <summary>Finds the secret formats of the enabled secret rules; holds back an unfinished token or an open key block.</summary>
public sealed class SecretDetector(IReadOnlyList<SecretPattern> patterns) : IDetector
{
    private readonly bool blocks = patterns.Any(p => p.Rule == GuardRules.PrivateKey);

    public IReadOnlyList<string> Rules { get; } = [.. patterns.Select(p => p.Rule).Distinct()];

    public void Detect(string text, int from, List<Detection> found)
    {
        foreach (var pattern in patterns)
        {
            if (!pattern.MightMatch(text))
            {
                continue;
            }

            foreach (System.Text.RegularExpressions.Match m in pattern.Pattern.Matches(text))
            {
                var group = m.Groups["secret"];
                var (start, length) = group.Success ? (group.Index, group.Length) : (m.Index, m.Length);
                if (start + length > from && (pattern.Accept is null || pattern.Accept(text.Substring(start, length))))
                {
                    // An unclosed key block is a key from its first line on.
                    var open = pattern.Rule == GuardRules.PrivateKey && !m.ValueSpan.Contains("-----END", StringComparison.Ordinal);
                    found.Add(new Detection(pattern.Rule, pattern.Kind, start, length, Open: open));
                }
            }
        }
    }

    public int HoldFrom(string text) => Math.Min(HoldBack.TokenTail(text), blocks ? HoldBack.KeyBlockTail(text) : text.Length);
}
