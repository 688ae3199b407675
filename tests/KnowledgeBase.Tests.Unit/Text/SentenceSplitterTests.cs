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

    [Theory]
    [InlineData("HOW PROVIDERS AFFECT YOUR COSTS - Balance Billing Protection At Zava, we understand costs.", "At Zava, we understand costs.")]
    [InlineData("CARE MANAGEMENT: Prior-Authorization for Benefit Coverage The plan requires approval.", "The plan requires approval.")]
    [InlineData("OTHER INFORMATION ABOUT THIS PLAN: Right To And Payment Of Benefits The plan is broad.", "The plan is broad.")]
    public void A_heading_glued_to_a_sentence_is_a_sentence_of_its_own(string line, string sentence)
    {
        var parts = SentenceSplitter.Ranges(line).Select(r => r.Of(line)).ToList();

        Assert.Equal(2, parts.Count);
        Assert.Equal(sentence, parts[1]);
    }

    [Fact]
    public void Inline_bullets_are_items_of_their_own_and_a_lead_in_ends_at_its_colon()
    {
        const string line = "PerksPlus covers activities including: • Gym memberships • Yoga classes";

        Assert.Equal(["PerksPlus covers activities including:", "• Gym memberships", "• Yoga classes"], SentenceSplitter.Ranges(line).Select(r => r.Of(line)));
    }

    [Fact]
    public void Ordinary_sentences_starting_with_capitals_are_not_headings()
    {
        const string line = "MFA is mandatory. IT staff will never ask for it.";

        Assert.Equal(["MFA is mandatory.", "IT staff will never ask for it."], SentenceSplitter.Ranges(line).Select(r => r.Of(line)));
    }
}
