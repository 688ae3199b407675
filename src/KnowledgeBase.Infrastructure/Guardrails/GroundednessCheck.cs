using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Infrastructure.Grounding;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>
/// The groundedness rules on a finished answer: its sentences scored against their sources by the same
/// <see cref="SentenceSupportScorer"/> the faithfulness metric uses (so the guardrail and the evaluation cannot disagree
/// on what "supported" means), in batches: one model call at most per round for every vector not yet cached, none for a sentence its words settle
/// (an extractive answer quotes its sources).
/// </summary>
public sealed class GroundednessCheck(SentenceSupportScorer scorer)
{
    /// <param name="answer">The answer as shown; finding ranges refer to it.</param>
    /// <param name="sources">The numbered sources' texts (source n at index n - 1).</param>
    public async Task<IReadOnlyList<GroundingFinding>> FindAsync(string answer, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        var plan = GroundingPlan.For(answer, sources.Count);
        if (plan.Questions.Count == 0)
        {
            return [];
        }

        // Several questions share a set of sources (every sentence citing [1]; the "anywhere" check): one Evidence each.
        var evidence = new Dictionary<string, Evidence>(StringComparer.Ordinal);
        Evidence For(IReadOnlyList<int> numbers)
        {
            var key = string.Join(',', numbers);
            if (!evidence.TryGetValue(key, out var found))
            {
                evidence[key] = found = Evidence.From([.. numbers.Select(n => sources[n - 1])]);
            }

            return found;
        }

        var supported = new bool[plan.Questions.Count];
        async Task AskAsync(IReadOnlyList<int> questions)
        {
            if (questions.Count == 0)
            {
                return;
            }

            var verdicts = await scorer.AreSupportedAsync([.. questions.Select(i => new ClaimEvidence(plan.Claims[plan.Questions[i].Claim].Text, For(plan.Questions[i].Sources)))], cancellationToken);
            for (var k = 0; k < questions.Count; k++)
            {
                supported[questions[k]] = verdicts[k];
            }
        }

        // Against all sources only for sentences their citations do not hold: a grounded answer costs one round.
        await AskAsync(plan.FirstRound);
        await AskAsync(plan.SecondRound(supported));
        return plan.Findings(supported);
    }
}
