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
        Assert.StartsWith(ExtractiveAnswerer.NoAnswer, answer.Text);
        Assert.Contains("The closest documents were “Benefits Guide” (Benefits Guide.pdf, p. 3)", answer.Text);
        Assert.Empty(answer.CitedNumbers);
    }

    [Fact]
    public void Refuses_when_there_are_no_sources()
    {
        var answer = answerer.Answer("How many vacation days do I get?", []);

        Assert.False(answer.Answered);
    }

    [Fact]
    public void Quotes_an_faq_answer_without_its_a_label()
    {
        var answer = answerer.Answer("When is salary paid?", [Source("Q: When is salary paid?\nA: Salaries are paid on the 25th of each month.")]);

        Assert.Equal("Salaries are paid on the 25th of each month [1].", answer.Text);
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
    public void Quotes_one_sentence_when_one_covers_the_question()
    {
        var text = string.Join(' ', Enumerable.Range(1, 8).Select(i => $"The travel policy rule {i} covers hotel bookings."));
        var answer = answerer.Answer("What does the travel policy say about hotel bookings?", [Source(text), Source(text)]);

        Assert.True(answer.Answered);
        Assert.Single(answer.Sentences);
    }

    [Fact]
    public void Quotes_a_sentence_without_the_connective_it_opens_with()
    {
        var answer = answerer.Answer("Does the plan cover cosmetic surgery?", [
            Source("Surgery is covered when medically necessary. Furthermore, the plan does not cover cosmetic surgery."),
        ]);

        Assert.Equal("The plan does not cover cosmetic surgery [1].", answer.Text);
    }

    [Fact]
    public void A_how_many_question_is_answered_by_the_count_not_by_a_price()
    {
        var answer = answerer.Answer("How many acupuncture visits are covered?", [
            Source("In-network acupuncture is covered for up to 12 visits per year. Out-of-network acupuncture visits are covered up to $25 per visit."),
        ]);

        Assert.Equal("In-network acupuncture is covered for up to 12 visits per year [1].", answer.Text);
    }

    [Fact]
    public void A_question_naming_a_document_is_answered_from_the_sentence_in_that_document()
    {
        var answer = answerer.Answer("How long do I have to request a right of recovery under Northwind Standard?", [
            Source("A right of recovery under Northwind Health Plus is a useful feature.", "Northwind Health Plus Benefits Details"),
            Source("A right of recovery must be requested within two years of the service.", "Northwind Standard Benefits Details"),
        ]);

        Assert.Equal([2], answer.CitedNumbers);
    }

    [Fact]
    public void A_list_keeps_its_lead_in_and_its_items()
    {
        var answer = answerer.Answer("Which fitness activities does PerksPlus cover?", [
            Source("What is Covered?\nPerksPlus covers a wide range of fitness activities, including: • Gym memberships\n• Personal training sessions\n• Yoga and Pilates classes\nThese lessons are fun."),
        ]);

        Assert.StartsWith("PerksPlus covers a wide range of fitness activities, including [1]:\n- Gym memberships\n- Personal training sessions\n- Yoga and Pilates classes", answer.Text);
        Assert.DoesNotContain("What is Covered", answer.Text);
    }

    [Fact]
    public void A_list_item_that_answers_brings_its_lead_in_but_not_the_other_items()
    {
        var answer = answerer.Answer("Are scuba diving lessons covered?", [
            Source("Some of the lessons covered under PerksPlus include:\n• Skiing lessons\n• Scuba diving lessons\n• Surfing lessons"),
        ]);

        Assert.Equal("Some of the lessons covered under PerksPlus include [1]:\n- Scuba diving lessons", answer.Text);
    }

    [Fact]
    public void A_table_row_is_read_with_its_header()
    {
        var answer = answerer.Answer("What is the minimum password length for privileged accounts?", [
            Source("Requirement | Standard accounts | Privileged accounts\nMinimum password length | 14 characters | 20 characters\nMulti-factor authentication | Mandatory | Hardware key only", "IT Security Policy"),
        ]);

        Assert.Equal("Minimum password length — Standard accounts: 14 characters; Privileged accounts: 20 characters [1].", answer.Text);
    }

    [Fact]
    public void A_heading_glued_to_a_sentence_is_left_out_of_the_answer()
    {
        var answer = answerer.Answer("How does the plan protect you from balance billing?", [
            Source("HOW PROVIDERS AFFECT YOUR COSTS - Balance Billing Protection The plan protects you from balance billing by in-network providers."),
        ]);

        Assert.Equal("The plan protects you from balance billing by in-network providers [1].", answer.Text);
    }

    [Fact]
    public void How_much_questions_prefer_the_sentence_with_the_amount_and_the_citation_knows_its_page()
    {
        var text = Source("Overview\nPerksPlus supports the health of employees and their fitness.\nWith PerksPlus, employees can expense up to $1000 for fitness programs.", "PerksPlus", 1);
        var source = text with { EndPage = 3, PageStarts = [new(0, 1), new(70, 3)] };

        var answer = answerer.Answer("How much can employees expense for fitness with PerksPlus?", [source]);

        Assert.Equal("With PerksPlus, employees can expense up to $1000 for fitness programs [1].", answer.Text);
        var cited = Assert.Single(answer.Sentences);
        Assert.Equal(3, cited.Page);
        Assert.Equal("With PerksPlus, employees can expense up to $1000 for fitness programs.", cited.Range.Of(source.Text));
    }

    [Fact]
    public void A_refusal_names_the_closest_documents_instead_of_citing_them()
    {
        var answer = answerer.Answer("What is the share price of the company?", [
            Source("Vacation is 25 days per year for full-time employees.", "Handbook", 4),
            Source("Expense reports are due within 30 days after a trip.", "Travel Policy", 2),
        ]);

        Assert.False(answer.Answered);
        Assert.Equal([1, 2], answer.Closest);
        Assert.EndsWith("The closest documents were “Handbook” (Handbook.pdf, p. 4) and “Travel Policy” (Travel Policy.pdf, p. 2).", answer.Text);
        Assert.Empty(answer.Sentences);
    }
}
