using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Tests.Unit.Answering;

public sealed class ExtractiveAnswererTests
{
    private static RetrievedChunk Source(string text, string title = "Benefits Guide", int? page = 3) =>
        new(1, Guid.NewGuid(), title, title + ".pdf", text, page, page, string.Empty, 0.8);

    private readonly ExtractiveAnswerer answerer = new();

    [Fact]
    public void Cites_the_source_whose_sentence_answers_the_question()
    {
        var answer = answerer.Answer("How much is the FlexFit allowance?", [
            Source("Our offices are open from 8 to 18. Parking is free for employees."),
            Source("FlexFit is the fitness allowance. It gives every employee 600 EUR per calendar year. Claims are paid monthly."),
        ]);

        Assert.True(answer.Answered);
        Assert.Contains("600 EUR", answer.Text);
        Assert.Contains("[2]", answer.Text);
        Assert.DoesNotContain("[1]", answer.Text);
        Assert.Equal([2], answer.CitedNumbers);
    }

    [Fact]
    public void Refuses_plainly_when_no_sentence_covers_the_question()
    {
        var answer = answerer.Answer("What is the share price of the company?", [
            Source("Vacation is 25 days per year for full-time employees."),
            Source("Expense reports are due within 30 days after a trip."),
        ]);

        Assert.False(answer.Answered);
        Assert.Equal(ExtractiveAnswerer.NoAnswer, answer.Text);
        Assert.Empty(answer.CitedNumbers);
    }

    [Fact]
    public void Refuses_when_there_are_no_sources()
    {
        var answer = answerer.Answer("How many vacation days do I get?", []);

        Assert.False(answer.Answered);
    }

    [Fact]
    public void Places_the_marker_before_the_closing_period()
    {
        var answer = answerer.Answer("How many vacation days do employees get?", [Source("Employees get 25 vacation days per year.")]);

        Assert.Equal("Employees get 25 vacation days per year [1].", answer.Text);
    }

    [Fact]
    public void Skips_headings_and_keeps_pronoun_sentences_with_their_antecedent()
    {
        var answer = answerer.Answer("How much is the FlexFit allowance?", [
            Source("3. FlexFit Fitness Allowance\nFlexFit is the fitness allowance. It gives every employee 600 EUR per year."),
        ]);

        Assert.StartsWith("FlexFit is the fitness allowance. It gives every employee 600 EUR per year [1].", answer.Text);
        Assert.DoesNotContain("Fitness Allowance [1]", answer.Text);
    }

    [Fact]
    public void Uses_at_most_three_sentences_and_no_near_duplicates()
    {
        var text = string.Join(' ', Enumerable.Range(1, 8).Select(i => $"The travel policy rule {i} covers hotel bookings."));
        var answer = answerer.Answer("What does the travel policy say about hotel bookings?", [Source(text), Source(text)]);

        Assert.True(answer.Answered);
        Assert.InRange(answer.Text.Split("[").Length - 1, 1, 3);
    }
}
