using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Tests.Unit.Text;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Splits_on_terminal_punctuation_followed_by_a_capital()
    {
        Assert.Equal(["First one.", "Second one!", "Third?"], SentenceSplitter.Split("First one. Second one! Third?"));
    }

    [Fact]
    public void Does_not_split_abbreviations_or_decimals()
    {
        Assert.Equal(
            ["Use e.g. the portal or Dr. Smith's form, costing 2.5 EUR.", "Then wait."],
            SentenceSplitter.Split("Use e.g. the portal or Dr. Smith's form, costing 2.5 EUR. Then wait."));
    }

    [Fact]
    public void Does_not_split_before_a_lower_case_word()
    {
        Assert.Single(SentenceSplitter.Split("The limit is 5 p.m. on weekdays."));
    }

    [Fact]
    public void Blank_input_has_no_sentences() => Assert.Empty(SentenceSplitter.Split("  \n "));
}
