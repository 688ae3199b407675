using KnowledgeBase.Core.Caching;
using KnowledgeBase.Core.Evaluation;

namespace KnowledgeBase.Tests.Unit.Caching;

public sealed class CachePairMetricsTests
{
    private static ScoredPair Pair(bool shouldHit, double similarity, GateRejection gate = GateRejection.None) =>
        new(new CachePair("a", "b", shouldHit, shouldHit ? "paraphrase" : "negation", "dev"), similarity, gate);

    private static readonly ScoredPair[] Pairs =
    [
        Pair(true, 0.95), Pair(true, 0.85), Pair(true, 0.75),
        Pair(false, 0.97, GateRejection.Negation), Pair(false, 0.9), Pair(false, 0.7),
    ];

    [Fact]
    public void Rates_count_hits_among_paraphrases_and_false_hits_among_near_misses()
    {
        var at = CachePairMetrics.At(Pairs, 0.8);

        Assert.Equal(2 / 3.0, at.HitRate, 6);
        Assert.Equal(1 / 3.0, at.FalseHitRate, 6);
        Assert.Equal(2 / 3.0, at.Precision, 6);
        Assert.Equal(2 / 3.0, at.FalseHitRateWithoutGate, 6);
    }

    [Fact]
    public void The_chosen_threshold_has_the_best_hit_rate_within_the_false_hit_limit()
    {
        Assert.Equal(0.95, CachePairMetrics.Choose(Pairs, [0.7, 0.8, 0.9, 0.95, 0.99], maxFalseHitRate: 0));
        Assert.Equal(0.8, CachePairMetrics.Choose(Pairs, [0.7, 0.8, 0.9, 0.95, 0.99], maxFalseHitRate: 0.34));
    }
}
