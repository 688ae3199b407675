using KnowledgeBase.Core.Evaluation;

namespace KnowledgeBase.Tests.Unit.Evaluation;

public sealed class RetrievalScoresTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Averages_each_metric_over_the_queries_with_relevant_ids()
    {
        IReadOnlyList<string> perfect = ["a"];
        IReadOnlyList<string> missed = ["x", "y"];
        IReadOnlyList<string> second = ["x", "a"];
        var onlyA = new Dictionary<string, int> { ["a"] = 1 };
        var nothingRelevant = new Dictionary<string, int> { ["x"] = 0 };

        // Per query (nDCG@10, R@10, MRR@10): perfect (1, 1, 1); missed (0, 0, 0); second (1/log2(3), 1, 1/2).
        // The query with nothing relevant is skipped, so the means are over 3 queries.
        var scores = RetrievalScores.Average(
        [
            (perfect, onlyA),
            (missed, onlyA),
            (second, onlyA),
            (perfect, nothingRelevant),
        ]);

        Assert.Equal(3, scores.Queries);
        Assert.Equal((1 + 0 + (1 / Math.Log2(3))) / 3, scores.NdcgAt10, Tolerance);
        Assert.Equal(2.0 / 3, scores.RecallAt10, Tolerance);
        Assert.Equal(2.0 / 3, scores.RecallAt100, Tolerance);
        Assert.Equal(1.5 / 3, scores.MrrAt10, Tolerance);
    }

    [Fact]
    public void Recall_at_100_sees_past_the_tenth_rank()
    {
        IReadOnlyList<string> ranked = [.. Enumerable.Range(0, 11).Select(i => $"n{i}"), "a"];
        var qrels = new Dictionary<string, int> { ["a"] = 1 };

        var scores = RetrievalScores.Average([(ranked, qrels)]);

        Assert.Equal(0, scores.RecallAt10);
        Assert.Equal(1, scores.RecallAt100);
        Assert.Equal(0, scores.MrrAt10);
    }

    [Fact]
    public void No_judged_queries_give_empty_scores() =>
        Assert.Equal(RetrievalScores.Empty, RetrievalScores.Average([]));
}
