using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Guardrails.Pii;

/// <summary>E-mail addresses, except those of the company's own domains (a support address is not personal data) and git remotes (<c>git@host:repo</c>).</summary>
public sealed partial class EmailRecognizer(PiiSettings settings) : Recognizer(GuardRules.Email, "e-mail address", settings, new ContextWords([], []))
{
    /// <summary>An address still being written (<c>jane.doe</c>, <c>jane.doe@exa</c>) is an unfinished token.</summary>
    public override int HoldFrom(string text) => HoldBack.TokenTail(text);

    protected override bool MightMatch(ReadOnlySpan<char> fresh) => fresh.Contains('@');

    protected override IEnumerable<(int Start, int Length, double Score)> Candidates(string text, int startAt)
    {
        foreach (Match m in Pattern().Matches(text, startAt))
        {
            var domain = m.Groups["domain"];
            var gitRemote = m.Index + m.Length < text.Length && text[m.Index + m.Length] == ':';
            if (!gitRemote && !Settings.IsAllowedDomain(domain.ValueSpan))
            {
                yield return (m.Index, m.Length, 1.0);
            }
        }
    }

    // Not the user:password@host of a URL (the password rule's business).
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])(?<!://[^\s/@:]{1,64}:)[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![A-Za-z0-9-])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
