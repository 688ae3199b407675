using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Tests.Unit.Text;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("vacaton", "vacation", 1)]
    [InlineData("yeer", "year", 1)]
    [InlineData("recieve", "receive", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("same", "same", 0)]
    public void Counts_insertions_deletions_substitutions_and_transpositions(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Within(a, b, 5));

    [Fact]
    public void Stops_past_the_bound() => Assert.Equal(2, EditDistance.Within("kitten", "sitting", 1));
}
