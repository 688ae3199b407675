using KnowledgeBase.Core.Grounding;

namespace KnowledgeBase.Tests.Unit.Grounding;

public sealed class NumberMentionsTests
{
    [Fact]
    public void Amounts_written_differently_compare_equal()
    {
        Assert.Equal(["1000"], NumberMentions.In("up to $1,000.00 per year"));
        Assert.Equal(["1000"], NumberMentions.In("up to $1000."));
    }

    [Fact]
    public void Lists_decimals_and_percentages_keep_their_numbers()
    {
        Assert.Equal(["1", "2", "2.5", "80"], NumberMentions.In("Steps 1, 2 and 2.5 cover 80% of costs").Order());
    }

    [Fact]
    public void Text_without_digits_has_no_numbers() => Assert.Empty(NumberMentions.In("one thousand dollars"));
}
