using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Tests.Unit.Answering;

public sealed class CitationFilterTests
{
    private static readonly HashSet<int> Sources = [1, 2, 3];

    private static (string Text, IReadOnlyList<int> Cited) Stream(params string[] pieces)
    {
        var filter = new CitationFilter(Sources);
        var text = string.Concat(pieces.Select(filter.Push)) + filter.Flush();
        return (text, filter.CitedNumbers);
    }

    [Fact]
    public void Keeps_known_citations_and_reports_them_in_order()
    {
        var (text, cited) = Stream("Fitness is 600 EUR [2]. Hotels cap at 230 EUR [1].");

        Assert.Equal("Fitness is 600 EUR [2]. Hotels cap at 230 EUR [1].", text);
        Assert.Equal([1, 2], cited);
    }

    [Fact]
    public void Drops_an_unknown_citation_with_its_space()
    {
        var (text, cited) = Stream("Fitness is 600 EUR [7]. Hotels cap at 230 EUR [1].");

        Assert.Equal("Fitness is 600 EUR. Hotels cap at 230 EUR [1].", text);
        Assert.Equal([1], cited);
    }

    [Fact]
    public void Plain_word_pieces_pass_through_and_a_trailing_space_waits_for_what_follows()
    {
        var filter = new CitationFilter(Sources);

        Assert.Equal(" Fitness", filter.Push(" Fitness"));
        Assert.Equal(" costs", filter.Push(" costs "));
        Assert.Equal(string.Empty, filter.Push("[7]"));
        Assert.Equal(". Hotels", filter.Push(". Hotels"));
        Assert.Equal(" cap", filter.Push(" cap "));
        Assert.Equal(" [1].", filter.Push("[1].") + filter.Flush());
        Assert.Equal([1], filter.CitedNumbers);
    }

    [Fact]
    public void Reassembles_a_citation_split_across_streamed_pieces()
    {
        var (text, cited) = Stream("It is 600 EUR ", "[", "1", "2", "]", " per year [", "3", "].");

        Assert.Equal("It is 600 EUR per year [3].", text);
        Assert.Equal([3], cited);
    }

    [Fact]
    public void Holds_back_only_what_could_still_become_a_citation()
    {
        var filter = new CitationFilter(Sources);

        Assert.Equal("Costs", filter.Push("Costs "));
        Assert.Equal(string.Empty, filter.Push("[2"));
        Assert.Equal(" [2] and", filter.Push("] and"));
        Assert.Equal(" more", filter.Push(" more") + filter.Flush());
    }

    [Fact]
    public void Keeps_the_known_numbers_of_a_group_and_drops_the_rest()
    {
        var (text, cited) = Stream("Both agree [1, 9, 3].");

        Assert.Equal("Both agree [1, 3].", text);
        Assert.Equal([1, 3], cited);
    }

    [Theory]
    [InlineData("See section [a] of the policy.")]
    [InlineData("Arrays like x[] are fine.")]
    [InlineData("An unfinished [12")]
    [InlineData("A bracket [ alone.")]
    public void Leaves_text_that_is_not_a_citation_alone(string answer)
    {
        var (text, cited) = Stream(answer);

        Assert.Equal(answer, text);
        Assert.Empty(cited);
    }

    [Fact]
    public void Applies_to_a_whole_answer_at_once()
    {
        var (text, cited) = CitationFilter.Apply("A [1][4] B [2]", Sources);

        Assert.Equal("A [1] B [2]", text);
        Assert.Equal([1, 2], cited);
    }
}
