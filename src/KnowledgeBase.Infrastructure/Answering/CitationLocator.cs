using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Grounding;

namespace KnowledgeBase.Infrastructure.Answering;

/// <summary>
/// Which sentence of each cited source a written answer used: every answer sentence citing <c>[n]</c> is
/// matched against source n's sentences with the sentence-support scorer, and the best match is the cited
/// sentence (its character range and page). The extractive answerer knows its sentences already; this
/// serves model-written answers.
/// </summary>
public sealed class CitationLocator(SentenceSupportScorer scorer)
{
    public async Task<IReadOnlyList<SentenceCitation>> LocateAsync(string answer, IReadOnlyList<RetrievedChunk> sources, CancellationToken cancellationToken)
    {
        var pairs = AnswerClaims.Split(answer)
            .SelectMany(claim => claim.SourceNumbers.Where(n => n >= 1 && n <= sources.Count).Select(n => (Claim: claim.Text, Number: n)))
            .ToList();
        if (pairs.Count == 0)
        {
            return [];
        }

        var evidence = pairs.Select(p => p.Number).Distinct().ToDictionary(n => n, n => Evidence.From([sources[n - 1].Text]));
        var verdicts = await scorer.SupportAsync(pairs.Select(p => new ClaimEvidence(p.Claim, evidence[p.Number])).ToList(), cancellationToken);
        return pairs.Zip(verdicts)
            .Where(x => x.Second.Best is not null)
            .Select(x => new SentenceCitation(x.First.Number, x.Second.Best!.Range, sources[x.First.Number - 1].PageOf(x.Second.Best.Range)))
            .Distinct()
            .ToList();
    }
}
