using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Grounding;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Answering;

/// <summary>
/// Chooses the sources an answer is written from: the retriever's best <c>Answering:RerankDepth</c> passages
/// are re-ranked by how well their best sentence answers the question (sentence support plus the answer-type
/// cue, the same score the extractive answerer uses), with their retrieval rank as a prior; the top
/// <c>Answering:TopK</c> are narrowed to the page(s) of that sentence.
/// </summary>
public sealed class SourceSelector(SentenceSupportScorer scorer, ExtractiveAnswerer answerer, IOptions<AnsweringOptions> options)
{
    public async Task<IReadOnlyList<RetrievedChunk>> SelectAsync(
        string query, ReadOnlyMemory<float> vector, IReadOnlyList<RetrievedChunk> candidates, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (candidates.Count == 0)
        {
            return candidates;
        }

        var evidence = Evidence.From(candidates.Select(c => c.Text).ToList());
        var adjusted = answerer.Adjusted(query, evidence, await scorer.RankAsync(query, evidence, vector, cancellationToken));
        var best = evidence.Sentences
            .Where(s => adjusted[s.Index] > double.NegativeInfinity)
            .GroupBy(s => s.Source)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => adjusted[s.Index])!);
        var order = Enumerable.Range(0, candidates.Count)
            .OrderByDescending(i => SourceRank.Score(i, candidates.Count, best.TryGetValue(i, out var s) ? adjusted[s.Index] : 0, settings.RerankWeight))
            .ThenBy(i => i)
            .Take(settings.TopK);
        return order
            .Select(i => best.TryGetValue(i, out var s) && settings.FocusOnPage ? PassageFocus.OnPagesOf(candidates[i], s.Range, settings.FocusMargin) : candidates[i])
            .ToList();
    }
}
