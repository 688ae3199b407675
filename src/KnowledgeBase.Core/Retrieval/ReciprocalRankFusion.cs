namespace KnowledgeBase.Core.Retrieval;

/// <summary>One candidate with its rank (1-based) in each retriever that found it.</summary>
public sealed record RankedCandidate(long Id, int? DenseRank, int? KeywordRank, double FusedScore);

/// <summary>
/// Reciprocal Rank Fusion (Cormack et al. 2009): score = Σ weight / (k + rank) over the retrievers
/// that returned the item. Rank-based, so cosine similarities and BM25 scores never need calibrating
/// against each other. Ties keep the dense order, then the keyword order.
/// </summary>
public static class ReciprocalRankFusion
{
    public static IReadOnlyList<RankedCandidate> Fuse(
        IReadOnlyList<long> dense, IReadOnlyList<long> keyword, int k = 60, double denseWeight = 1, double keywordWeight = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var denseRanks = Ranks(dense);
        var keywordRanks = Ranks(keyword);
        return denseRanks.Keys.Union(keywordRanks.Keys)
            .Select(id =>
            {
                int? d = denseRanks.TryGetValue(id, out var dr) ? dr : null;
                int? w = keywordRanks.TryGetValue(id, out var kr) ? kr : null;
                var score = (d is { } dv ? denseWeight / (k + dv) : 0) + (w is { } wv ? keywordWeight / (k + wv) : 0);
                return new RankedCandidate(id, d, w, score);
            })
            .OrderByDescending(c => c.FusedScore)
            .ThenBy(c => c.DenseRank ?? int.MaxValue)
            .ThenBy(c => c.KeywordRank ?? int.MaxValue)
            .ToList();
    }

    /// <summary>1-based rank of each id's first occurrence; repeats take no rank (as in the evaluation metrics).</summary>
    private static Dictionary<long, int> Ranks(IReadOnlyList<long> ids)
    {
        var ranks = new Dictionary<long, int>(ids.Count);
        foreach (var id in ids)
        {
            ranks.TryAdd(id, ranks.Count + 1);
        }

        return ranks;
    }
}
