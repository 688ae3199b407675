using KnowledgeBase.Core.Evaluation;

namespace KnowledgeBase.Tests.Unit.Evaluation;

public sealed class RetrievalMetricsTests
{
    private const double Tolerance = 1e-9;

    // Ranked [d3, d1, d7] against qrels {d1:1, d7:2, d9:1}: d3 is not relevant, d9 is never retrieved.
    private static readonly string[] Ranked = ["d3", "d1", "d7"];

    private static readonly Dictionary<string, int> Qrels = new() { ["d1"] = 1, ["d7"] = 2, ["d9"] = 1 };

    [Fact]
    public void Ndcg_uses_linear_gain_and_the_ideal_order_of_all_relevant_qrels()
    {
        // DCG@10  = 0/log2(2) + 1/log2(3) + 2/log2(4)            = 0.6309 + 1          = 1.6309
        // IDCG@10 = 2/log2(2) + 1/log2(3) + 1/log2(4) (rels 2,1,1) = 2 + 0.6309 + 0.5    = 3.1309
        // nDCG@10 = 1.6309 / 3.1309 = 0.5209
        var expected = ((1 / Math.Log2(3)) + (2 / Math.Log2(4))) / ((2 / Math.Log2(2)) + (1 / Math.Log2(3)) + (1 / Math.Log2(4)));

        Assert.Equal(expected, RetrievalMetrics.NdcgAt(Ranked, Qrels, 10), Tolerance);
        Assert.Equal(0.5209, RetrievalMetrics.NdcgAt(Ranked, Qrels, 10), 4);
    }

    [Fact]
    public void Ndcg_cuts_both_the_ranking_and_the_ideal_at_k()
    {
        // DCG@2 = 0 + 1/log2(3) = 0.6309; IDCG@2 = 2/log2(2) + 1/log2(3) = 2.6309; nDCG@2 = 0.2398
        var expected = (1 / Math.Log2(3)) / ((2 / Math.Log2(2)) + (1 / Math.Log2(3)));

        Assert.Equal(expected, RetrievalMetrics.NdcgAt(Ranked, Qrels, 2), Tolerance);
        Assert.Equal(0, RetrievalMetrics.NdcgAt(Ranked, Qrels, 1));
    }

    [Fact]
    public void Ndcg_is_one_for_the_ideal_ranking()
    {
        Assert.Equal(1, RetrievalMetrics.NdcgAt(["d7", "d1", "d9", "d3"], Qrels, 10), Tolerance);
        Assert.Equal(1, RetrievalMetrics.NdcgAt(["d7", "d9", "d1"], Qrels, 10), Tolerance);
    }

    [Fact]
    public void Recall_is_the_share_of_relevant_ids_in_the_top_k()
    {
        // Top 10: d1, d7 of {d1, d7, d9} = 2/3. Top 2: d1 = 1/3. Top 1: nothing.
        Assert.Equal(2.0 / 3, RetrievalMetrics.RecallAt(Ranked, Qrels, 10), Tolerance);
        Assert.Equal(1.0 / 3, RetrievalMetrics.RecallAt(Ranked, Qrels, 2), Tolerance);
        Assert.Equal(0, RetrievalMetrics.RecallAt(Ranked, Qrels, 1));
    }

    [Fact]
    public void Mrr_is_the_reciprocal_rank_of_the_first_relevant_id_within_k()
    {
        // The first relevant id, d1, is at rank 2.
        Assert.Equal(0.5, RetrievalMetrics.MrrAt(Ranked, Qrels, 10));
        Assert.Equal(0.5, RetrievalMetrics.MrrAt(Ranked, Qrels, 2));
        Assert.Equal(0, RetrievalMetrics.MrrAt(Ranked, Qrels, 1));
    }

    [Fact]
    public void Every_metric_is_zero_when_nothing_is_relevant()
    {
        var none = new Dictionary<string, int> { ["d3"] = 0 };

        Assert.Equal(0, RetrievalMetrics.NdcgAt(Ranked, none, 10));
        Assert.Equal(0, RetrievalMetrics.RecallAt(Ranked, none, 10));
        Assert.Equal(0, RetrievalMetrics.MrrAt(Ranked, none, 10));
        Assert.Equal(0, RetrievalMetrics.NdcgAt(Ranked, new Dictionary<string, int>(), 10));
    }

    [Fact]
    public void Every_metric_is_zero_for_an_empty_ranking()
    {
        Assert.Equal(0, RetrievalMetrics.NdcgAt([], Qrels, 10));
        Assert.Equal(0, RetrievalMetrics.RecallAt([], Qrels, 10));
        Assert.Equal(0, RetrievalMetrics.MrrAt([], Qrels, 10));
    }

    [Fact]
    public void A_duplicate_id_counts_once_at_its_first_rank_and_takes_no_rank_of_its_own()
    {
        // [d3, d3, d1, d1, d7] is judged as [d3, d1, d7].
        string[] withDuplicates = ["d3", "d3", "d1", "d1", "d7"];

        Assert.Equal(RetrievalMetrics.NdcgAt(Ranked, Qrels, 10), RetrievalMetrics.NdcgAt(withDuplicates, Qrels, 10), Tolerance);
        Assert.Equal(0.5, RetrievalMetrics.MrrAt(withDuplicates, Qrels, 10));
        // Top 3 of the de-duplicated list is d3, d1, d7: 2 of 3 relevant, not 1 of 3.
        Assert.Equal(2.0 / 3, RetrievalMetrics.RecallAt(withDuplicates, Qrels, 3), Tolerance);
        // A repeated relevant id is not counted twice.
        Assert.Equal(1.0 / 3, RetrievalMetrics.RecallAt(["d1", "d1", "d1"], Qrels, 10), Tolerance);
    }

    [Fact]
    public void K_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RetrievalMetrics.NdcgAt(Ranked, Qrels, 0));
}
