using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Tests.Unit.Retrieval;

public sealed class PassageGroupingTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    private static IReadOnlyList<PassageGroup<(Guid Doc, int Ordinal)>> Group(int take, params (Guid, int)[] ranked) =>
        PassageGrouping.Group(ranked, h => h.Item1, h => h.Item2, take, maxDistance: 2, maxChunks: 4);

    [Fact]
    public void Folds_nearby_hits_of_one_document_into_the_best_hits_passage()
    {
        var groups = Group(5, (A, 10), (B, 10), (A, 12), (A, 9));

        Assert.Equal(2, groups.Count);
        Assert.Equal((A, 10), groups[0].Lead);
        Assert.Equal((9, 12), (groups[0].First, groups[0].Last));
        Assert.Equal(3, groups[0].Members.Count);
        Assert.Equal((B, 10), groups[1].Lead);
    }

    [Fact]
    public void Keeps_distant_hits_and_other_documents_apart()
    {
        var groups = Group(5, (A, 10), (A, 13), (B, 11));

        Assert.Equal([(A, 10), (A, 13), (B, 11)], groups.Select(g => g.Lead));
    }

    [Fact]
    public void Never_grows_a_passage_beyond_the_chunk_limit()
    {
        var groups = Group(5, (A, 10), (A, 12), (A, 14));

        Assert.Equal((10, 12), (groups[0].First, groups[0].Last));
        Assert.Equal((A, 14), groups[1].Lead);
    }

    [Fact]
    public void Starts_no_passage_past_take_but_still_folds_later_hits_into_chosen_ones()
    {
        var groups = Group(2, (A, 10), (B, 1), (A, 30), (B, 2));

        Assert.Equal([(A, 10), (B, 1)], groups.Select(g => g.Lead));
        Assert.Equal((1, 2), (groups[1].First, groups[1].Last));
    }
}
