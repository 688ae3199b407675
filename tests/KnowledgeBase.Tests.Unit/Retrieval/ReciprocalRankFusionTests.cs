using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Tests.Unit.Retrieval;

public sealed class ReciprocalRankFusionTests
{
    [Fact]
    public void Items_found_by_both_retrievers_outrank_items_found_by_one()
    {
        // a: 1/61 + 1/63 = 0.03227; b: 1/62 = 0.01613; c: 1/61 = 0.01639; d: 1/62 = 0.01613.
        var fused = ReciprocalRankFusion.Fuse(dense: [1, 2, 3], keyword: [4, 5, 1]);

        Assert.Equal(1, fused[0].Id);
        Assert.Equal(1.0 / 61 + 1.0 / 63, fused[0].FusedScore, 10);
        Assert.Equal((1, 3), (fused[0].DenseRank!.Value, fused[0].KeywordRank!.Value));
        Assert.Equal(5, fused.Count);
    }

    [Fact]
    public void Ties_keep_the_dense_order_first()
    {
        var fused = ReciprocalRankFusion.Fuse(dense: [10, 20], keyword: [30, 40]);

        Assert.Equal([10, 30, 20, 40], fused.Select(f => f.Id));
        Assert.Null(fused[1].DenseRank);
        Assert.Equal(1, fused[1].KeywordRank);
    }

    [Fact]
    public void Weights_scale_each_retrievers_contribution()
    {
        var fused = ReciprocalRankFusion.Fuse(dense: [1], keyword: [2], k: 60, denseWeight: 1, keywordWeight: 2);

        Assert.Equal(2, fused[0].Id);
        Assert.Equal(2.0 / 61, fused[0].FusedScore, 10);
    }

    [Fact]
    public void A_duplicate_id_counts_at_its_first_rank()
    {
        var fused = ReciprocalRankFusion.Fuse(dense: [7, 7, 8], keyword: []);

        Assert.Equal([7, 8], fused.Select(f => f.Id));
        Assert.Equal(2, fused[1].DenseRank);
    }

    [Fact]
    public void A_non_positive_k_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReciprocalRankFusion.Fuse([1], [1], k: 0));
}
