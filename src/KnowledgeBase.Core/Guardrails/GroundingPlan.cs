using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Guardrails;

/// <summary>Why a claim is checked against some sources: what it cites, all sources, or one of several sources it cites.</summary>
public enum SupportQuestionKind
{
    Cited,
    Anywhere,
    OneCitation,
}

/// <summary>Is claim <see cref="Claim"/> (an index into the plan's claims) supported by sources <see cref="Sources"/> (numbers from 1)?</summary>
public sealed record SupportQuestion(int Claim, IReadOnlyList<int> Sources, SupportQuestionKind Kind);

/// <summary>A sentence a groundedness rule acts on: the rule, what a reader is told it is, and where it is in the answer as shown.</summary>
public sealed record GroundingFinding(string Rule, string Kind, TextRange Range);

/// <summary>
/// What the groundedness rules ask of a finished answer and what the answers mean. Each sentence is checked against
/// the sources it cites (a sentence citing nothing, or only numbers no source has, against all sources). A cited
/// sentence that fails is checked against all sources too: found elsewhere, the content is fine but the citation is
/// wrong (<c>citation.unsupported</c>); found nowhere, the sentence is unsupported (<c>groundedness</c>). A supported
/// sentence citing several sources is checked against each, so a cited <c>[n]</c> that adds nothing is reported.
/// </summary>
public sealed class GroundingPlan
{
    public const string UnsupportedKind = "unsupported sentence";

    private GroundingPlan(IReadOnlyList<AnswerClaim> claims, IReadOnlyList<SupportQuestion> questions)
    {
        Claims = claims;
        Questions = questions;
    }

    public IReadOnlyList<AnswerClaim> Claims { get; }

    public IReadOnlyList<SupportQuestion> Questions { get; }

    /// <param name="answer">The answer as shown (offsets of the findings refer to it).</param>
    /// <param name="sourceCount">How many numbered sources the answer was written from.</param>
    public static GroundingPlan For(string answer, int sourceCount)
    {
        var claims = sourceCount == 0 ? [] : AnswerClaims.Split(answer);
        var all = Enumerable.Range(1, sourceCount).ToList();
        var questions = new List<SupportQuestion>();
        for (var i = 0; i < claims.Count; i++)
        {
            var cited = claims[i].SourceNumbers.Where(n => n >= 1 && n <= sourceCount).ToList();
            questions.Add(new SupportQuestion(i, cited.Count > 0 ? cited : all, SupportQuestionKind.Cited));
            if (cited.Count > 0 && cited.Count < sourceCount)
            {
                questions.Add(new SupportQuestion(i, all, SupportQuestionKind.Anywhere));
            }

            if (cited.Count > 1)
            {
                questions.AddRange(cited.Select(n => new SupportQuestion(i, [n], SupportQuestionKind.OneCitation)));
            }
        }

        return new GroundingPlan(claims, questions);
    }

    /// <summary>The questions to ask first (indices into <see cref="Questions"/>): all but the "anywhere" ones.</summary>
    public IReadOnlyList<int> FirstRound => [.. Questions.Select((q, i) => (q, i)).Where(x => x.q.Kind != SupportQuestionKind.Anywhere).Select(x => x.i)];

    /// <summary>
    /// The "anywhere" questions worth asking once the first round is answered: only for sentences their citations do not
    /// support (the rest never read them), so a grounded answer costs no search through all sources.
    /// </summary>
    public IReadOnlyList<int> SecondRound(IReadOnlyList<bool> supported)
    {
        var failed = Questions.Select((q, i) => (q, i)).Where(x => x.q.Kind == SupportQuestionKind.Cited && !supported[x.i]).Select(x => x.q.Claim).ToHashSet();
        return [.. Questions.Select((q, i) => (q, i)).Where(x => x.q.Kind == SupportQuestionKind.Anywhere && failed.Contains(x.q.Claim)).Select(x => x.i)];
    }

    /// <summary>
    /// The sentences to report, given whether each question (in <see cref="Questions"/> order) was answered "supported"
    /// (an "anywhere" question left out of <see cref="SecondRound"/> is never read).
    /// </summary>
    public IReadOnlyList<GroundingFinding> Findings(IReadOnlyList<bool> supported)
    {
        if (supported.Count != Questions.Count)
        {
            throw new ArgumentException($"Expected {Questions.Count} verdicts, got {supported.Count}.", nameof(supported));
        }

        var findings = new List<GroundingFinding>();
        foreach (var group in Questions.Select((q, i) => (Question: q, Supported: supported[i])).GroupBy(x => x.Question.Claim))
        {
            var claim = Claims[group.Key];
            var cited = group.First(x => x.Question.Kind == SupportQuestionKind.Cited);
            if (!cited.Supported)
            {
                var elsewhere = group.Any(x => x.Question.Kind == SupportQuestionKind.Anywhere && x.Supported);
                findings.Add(elsewhere
                    ? new GroundingFinding(GuardRules.CitationSupport, CitationKind(cited.Question.Sources), claim.Range)
                    : new GroundingFinding(GuardRules.Groundedness, UnsupportedKind, claim.Range));
                continue;
            }

            var idle = group.Where(x => x.Question.Kind == SupportQuestionKind.OneCitation && !x.Supported).SelectMany(x => x.Question.Sources).ToList();
            if (idle.Count > 0)
            {
                findings.Add(new GroundingFinding(GuardRules.CitationSupport, CitationKind(idle), claim.Range));
            }
        }

        return findings;
    }

    /// <summary>"citation [2]" or "citations [1, 3]": which markers do not hold the sentence (numbers only, never text).</summary>
    private static string CitationKind(IReadOnlyList<int> numbers) =>
        $"{(numbers.Count == 1 ? "citation" : "citations")} [{string.Join(", ", numbers)}]";
}
