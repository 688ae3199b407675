namespace KnowledgeBase.Core.Evaluation;

/// <summary>
/// Per-query ranking metrics with the BEIR / pytrec_eval (trec_eval 9.0.8) definitions. A query is judged by its
/// ranked list of retrieved ids (best first) and its qrels: id → graded relevance, relevant when above 0. An id
/// retrieved twice counts once, at its first rank; later copies take no rank of their own, as a pytrec_eval run
/// (a dictionary) cannot hold them at all.
/// </summary>
public static class RetrievalMetrics
{
    /// <summary>
    /// nDCG@k as trec_eval's <c>ndcg_cut</c>, which BEIR reports: the gain is the relevance itself (linear, not
    /// 2^rel − 1) and the discount log2(rank + 1), so DCG@k = Σ_{rank ≤ k} rel / log2(rank + 1). The ideal DCG
    /// sorts all relevant qrels by relevance, retrieved or not, and cuts at k. 0 when nothing is relevant.
    /// </summary>
    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> qrels, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var ideal = qrels.Values.Where(r => r > 0).OrderDescending().Take(k).Select((rel, i) => Discounted(rel, i + 1)).Sum();
        if (ideal == 0)
        {
            return 0;
        }

        var dcg = TopK(ranked, k).Select((id, i) => Discounted(Relevance(qrels, id), i + 1)).Sum();
        return dcg / ideal;
    }

    /// <summary>Recall@k: the share of the relevant ids found in the top k. 0 when nothing is relevant.</summary>
    public static double RecallAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> qrels, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var relevant = qrels.Values.Count(r => r > 0);
        if (relevant == 0)
        {
            return 0;
        }

        return TopK(ranked, k).Count(id => Relevance(qrels, id) > 0) / (double)relevant;
    }

    /// <summary>MRR@k (reciprocal rank): 1 / rank of the first relevant id in the top k, else 0.</summary>
    public static double MrrAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> qrels, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var rank = 0;
        foreach (var id in TopK(ranked, k))
        {
            rank++;
            if (Relevance(qrels, id) > 0)
            {
                return 1.0 / rank;
            }
        }

        return 0;
    }

    /// <summary>Whether the qrels judge anything relevant; BEIR leaves the other queries out of its averages.</summary>
    public static bool HasRelevant(IReadOnlyDictionary<string, int> qrels) => qrels.Values.Any(r => r > 0);

    private static double Discounted(int relevance, int rank) => relevance <= 0 ? 0 : relevance / Math.Log2(rank + 1);

    private static int Relevance(IReadOnlyDictionary<string, int> qrels, string id) => qrels.TryGetValue(id, out var rel) ? rel : 0;

    private static IEnumerable<string> TopK(IReadOnlyList<string> ranked, int k) => ranked.Distinct(StringComparer.Ordinal).Take(k);
}
