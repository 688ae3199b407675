namespace KnowledgeBase.Core.Evaluation;

/// <summary>Retrieval metrics averaged over the queries that have at least one relevant id.</summary>
public sealed record RetrievalScores(double NdcgAt10, double RecallAt10, double RecallAt100, double MrrAt10, int Queries)
{
    public static RetrievalScores Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>
    /// The mean of each metric over the queries. Queries whose qrels judge nothing relevant are skipped, as BEIR
    /// does; a query with relevant ids but an empty ranking counts, with zeros.
    /// </summary>
    public static RetrievalScores Average(IEnumerable<(IReadOnlyList<string> Ranked, IReadOnlyDictionary<string, int> Qrels)> queries)
    {
        double ndcg10 = 0, recall10 = 0, recall100 = 0, mrr10 = 0;
        var count = 0;
        foreach (var (ranked, qrels) in queries)
        {
            if (!RetrievalMetrics.HasRelevant(qrels))
            {
                continue;
            }

            ndcg10 += RetrievalMetrics.NdcgAt(ranked, qrels, 10);
            recall10 += RetrievalMetrics.RecallAt(ranked, qrels, 10);
            recall100 += RetrievalMetrics.RecallAt(ranked, qrels, 100);
            mrr10 += RetrievalMetrics.MrrAt(ranked, qrels, 10);
            count++;
        }

        return count == 0 ? Empty : new RetrievalScores(ndcg10 / count, recall10 / count, recall100 / count, mrr10 / count, count);
    }
}
