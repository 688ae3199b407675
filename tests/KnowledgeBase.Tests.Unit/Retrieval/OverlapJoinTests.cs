using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Tests.Unit.Retrieval;

public sealed class OverlapJoinTests
{
    [Fact]
    public void Drops_the_sentences_a_chunk_repeats_from_the_one_before()
    {
        var joined = OverlapJoin.Join([
            "Claims must be filed within a year. Keep every receipt you are given.",
            "Keep every receipt you are given. Appeals go to the review board.",
        ]);

        Assert.Equal("Claims must be filed within a year. Keep every receipt you are given.\nAppeals go to the review board.", joined);
    }

    [Fact]
    public void Keeps_chunks_without_overlap_whole_and_ignores_chance_matches_of_a_word()
    {
        var joined = OverlapJoin.Join(["The deductible applies to the", "the plan year, not the calendar year."]);

        Assert.Equal("The deductible applies to the\nthe plan year, not the calendar year.", joined);
    }

    [Fact]
    public void Drops_a_chunk_entirely_repeated_at_the_end()
    {
        Assert.Equal("Preventive care is covered in full.", OverlapJoin.Join(["Preventive care is covered in full.", "covered in full."]));
    }
}
