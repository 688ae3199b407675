using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Grounding;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Core.Text;
using KnowledgeBase.Infrastructure.Grounding;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Answering;

/// <summary>
/// Chooses the sources an answer is written from: the retriever's best <c>Answering:RerankDepth</c> passages
/// are re-ranked by how well their best sentence answers the question (sentence support plus the answer-type
/// cue, the same score the extractive answerer uses), with their retrieval rank as a prior; the top
/// <c>Answering:TopK</c> are narrowed to the page(s) of that sentence, keeping the next or previous page when
/// its best sentence scores within <c>Answering:FocusNeighbourRatio</c> of it (the answer often goes on there).
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

        var evidence = Evidence.From(candidates.Select(c => c.Text).ToList(), candidates.Select(c => c.Title).ToList());
        var adjusted = answerer.Adjusted(query, evidence, await scorer.RankAsync(query, evidence, vector, cancellationToken));
        var best = evidence.Sentences
            .Where(s => adjusted[s.Index] > double.NegativeInfinity)
            .GroupBy(s => s.Source)
            .ToDictionary(g => g.Key, g => g.MaxBy(s => adjusted[s.Index])!);
        var order = Enumerable.Range(0, candidates.Count)
            .OrderByDescending(i => SourceRank.Score(i, candidates.Count, best.TryGetValue(i, out var s) ? adjusted[s.Index] : 0, settings.RerankWeight))
            .ThenBy(i => i)
            .Take(settings.TopK);
        // Sources are narrowed best first; only the first FocusWidened may keep a second page, so the five
        // sources shown stay within about TopK + FocusWidened pages.
        var widened = 0;
        var focused = new List<RetrievedChunk>();
        foreach (var i in order)
        {
            if (!settings.FocusOnPage || !best.TryGetValue(i, out var s))
            {
                focused.Add(candidates[i]);
                continue;
            }

            var mayWiden = widened < settings.FocusWidened;
            var narrowed = PassageFocus.OnPagesOf(
                candidates[i], s.Range, mayWiden ? settings.FocusMargin : 0, mayWiden ? RunnerUp(candidates[i], evidence, adjusted, s, settings.FocusNeighbourRatio) : null);
            widened += narrowed.StartPage != narrowed.EndPage ? 1 : 0;
            focused.Add(narrowed);
        }

        return focused;
    }

    /// <summary>The best sentence of the source on another page than <paramref name="best"/>'s, if it scores within the ratio of it.</summary>
    private static TextRange? RunnerUp(RetrievedChunk source, Evidence evidence, double[] adjusted, EvidenceSentence best, double ratio)
    {
        if (ratio >= 1 || source.PageStarts is not { Count: > 1 })
        {
            return null;
        }

        var page = source.PageOf(best.Range);
        var other = evidence.Sentences
            .Where(s => s.Source == best.Source && adjusted[s.Index] > double.NegativeInfinity && source.PageOf(s.Range) != page)
            .MaxBy(s => adjusted[s.Index]);
        return other is not null && adjusted[other.Index] >= ratio * adjusted[best.Index] ? other.Range : null;
    }
}
