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

    [Fact]
    public void Ranges_point_at_each_sentence_and_every_line_ends_one()
    {
        const string text = "What is Covered?\nPerksPlus covers gym memberships. It also covers yoga, e.g. classes.\n  • Personal training\n";

        var sentences = SentenceSplitter.Ranges(text).Select(r => r.Of(text));

        Assert.Equal(["What is Covered?", "PerksPlus covers gym memberships.", "It also covers yoga, e.g. classes.", "• Personal training"], sentences);
    }

    [Fact]
    public void Ranges_of_blank_text_are_empty() => Assert.Empty(SentenceSplitter.Ranges(" \n\n "));
}
