using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Tests.Unit.Retrieval;

public sealed class NearDuplicateFilterTests
{
    private static ReadOnlyMemory<float> V(params float[] values) => values;

    [Fact]
    public void Drops_results_nearly_identical_to_a_better_one_and_keeps_order()
    {
        var ranked = new[] { ("a", V(1, 0, 0)), ("a-copy", V(0.999f, 0.01f, 0)), ("b", V(0, 1, 0)), ("c", V(0, 0, 1)) };

        var kept = NearDuplicateFilter.Apply(ranked, r => r.Item2, 0.97, take: 10);

        Assert.Equal(["a", "b", "c"], kept.Select(k => k.Item1));
    }

    [Fact]
    public void Stops_at_take()
    {
        var ranked = Enumerable.Range(0, 10).Select(i => (i, V(i == 0 ? 1 : 0, i, 1))).ToList();

        Assert.Equal(3, NearDuplicateFilter.Apply(ranked, r => r.Item2, 0.999, take: 3).Count);
    }

    [Fact]
    public void Cosine_is_scale_invariant_and_zero_for_orthogonal_or_empty_vectors()
    {
        Assert.Equal(1, NearDuplicateFilter.Cosine([1, 2, 3], [2, 4, 6]), 10);
        Assert.Equal(0, NearDuplicateFilter.Cosine([1, 0], [0, 1]), 10);
        Assert.Equal(0, NearDuplicateFilter.Cosine([0, 0], [1, 1]), 10);
    }
}
