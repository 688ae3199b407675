using KnowledgeBase.Core.Caching;

namespace KnowledgeBase.Core.Evaluation;

/// <summary>A labelled question pair for the answer cache: may <see cref="Asked"/> be answered with <see cref="Cached"/>'s answer?</summary>
public sealed record CachePair(string Cached, string Asked, bool ShouldHit, string Kind, string Split);

/// <summary>A pair with its embedding similarity and the near-miss gate's verdict.</summary>
public sealed record ScoredPair(CachePair Pair, double Similarity, GateRejection Gate)
{
    public bool HitsAt(double threshold, bool gated) => Similarity >= threshold && (!gated || Gate == GateRejection.None);
}

/// <summary>
/// At one threshold: hit rate (share of must-hit pairs served), false-hit rate (share of must-miss pairs served)
/// and precision (share of served pairs that were right), with the gate and, for comparison, without it.
/// </summary>
public sealed record ThresholdScores(
    double Threshold, double HitRate, double FalseHitRate, double Precision, int FalseHits, double HitRateWithoutGate, double FalseHitRateWithoutGate);

public static class CachePairMetrics
{
    public static ThresholdScores At(IReadOnlyList<ScoredPair> pairs, double threshold)
    {
        var (hitRate, falseRate, precision, falseHits) = Rates(pairs, threshold, gated: true);
        var (rawHitRate, rawFalseRate, _, _) = Rates(pairs, threshold, gated: false);
        return new ThresholdScores(threshold, hitRate, falseRate, precision, falseHits, rawHitRate, rawFalseRate);
    }

    /// <summary>The threshold with the best hit rate whose false-hit rate stays within <paramref name="maxFalseHitRate"/> (ties: the higher, stricter one).</summary>
    public static double Choose(IReadOnlyList<ScoredPair> dev, IEnumerable<double> thresholds, double maxFalseHitRate = 0.01) =>
        thresholds.Select(t => At(dev, t))
            .Where(s => s.FalseHitRate <= maxFalseHitRate)
            .OrderByDescending(s => s.HitRate).ThenByDescending(s => s.Threshold)
            .Select(s => s.Threshold)
            .DefaultIfEmpty(1.0)
            .First();

    private static (double HitRate, double FalseHitRate, double Precision, int FalseHits) Rates(IReadOnlyList<ScoredPair> pairs, double threshold, bool gated)
    {
        var should = pairs.Where(p => p.Pair.ShouldHit).ToList();
        var shouldNot = pairs.Where(p => !p.Pair.ShouldHit).ToList();
        var hits = should.Count(p => p.HitsAt(threshold, gated));
        var falseHits = shouldNot.Count(p => p.HitsAt(threshold, gated));
        return (
            should.Count == 0 ? 0 : (double)hits / should.Count,
            shouldNot.Count == 0 ? 0 : (double)falseHits / shouldNot.Count,
            hits + falseHits == 0 ? 1 : (double)hits / (hits + falseHits),
            falseHits);
    }
}
