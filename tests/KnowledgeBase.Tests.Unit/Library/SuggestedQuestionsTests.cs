using KnowledgeBase.Core.Library;

namespace KnowledgeBase.Tests.Unit.Library;

public sealed class SuggestedQuestionsTests
{
    private static readonly Guid Faq = Guid.NewGuid();
    private static readonly Guid Handbook = Guid.NewGuid();
    private static readonly Guid Policy = Guid.NewGuid();

    private static SuggestionSource Doc(Guid id, string title, params (string Path, string Text)[] passages) =>
        new(id, title, passages.Select(p => new SuggestionPassage(p.Path, p.Text)).ToList());

    [Fact]
    public void Questions_a_document_asks_itself_come_first_and_documents_take_turns()
    {
        var picked = SuggestedQuestions.Pick(
        [
            Doc(Faq, "New starter FAQ", ("", "NEW STARTER FAQ\n\nQ: When is salary paid?\nA: On the 25th.\n\nQ: How do I get IT help?\nA: Open a ticket.\nQ: Is there parking at headquarters?\nA: Yes.")),
            Doc(Handbook, "Employee Handbook", ("Employee Handbook > Welcome", "Hello."), ("Employee Handbook > Working Hours > Standard week", "40 hours.")),
            Doc(Policy, "IT Security Policy - Lumen Robotics", ("IT Security Policy > 1. Purpose and Scope", "x"), ("IT Security Policy > 2. Passwords", "y")),
        ]);

        Assert.Equal(
            [
                "When is salary paid?",
                "What does the Employee Handbook say about working hours?",
                "What does the IT Security Policy say about passwords?",
                "How do I get IT help?",
            ],
            picked.Select(p => p.Question));
        Assert.Equal([Faq, Handbook, Policy, Faq], picked.Select(p => p.DocumentId));
        Assert.Equal("IT Security Policy - Lumen Robotics", picked[2].Title);
    }

    [Theory]
    [InlineData("Guide > Multi-Factor Authentication", "multi-factor authentication")]
    [InlineData("Guide > Core hours and Orlen shifts", "core hours and Orlen shifts")]
    [InlineData("Guide > FlexFit Allowance", "FlexFit allowance")]
    [InlineData("Guide > IT Service Point", "IT service point")]
    [InlineData("Guide > 3.2 Claims:", "claims")]
    public void A_heading_reads_as_words_inside_a_question(string path, string words)
    {
        var picked = Assert.Single(SuggestedQuestions.Pick([Doc(Faq, "Guide", (path, "text"))]));

        Assert.Equal($"What does the Guide say about {words}?", picked.Question);
    }

    [Theory]
    [InlineData("Guide > Table of Contents")]
    [InlineData("Guide > Introduction")]
    [InlineData("Guide")]
    [InlineData("")]
    [InlineData("Guide > 42")]
    public void Boilerplate_the_title_and_empty_headings_suggest_nothing(string path) =>
        Assert.Empty(SuggestedQuestions.Pick([Doc(Faq, "Guide", (path, "Plain text without questions."))]));

    [Fact]
    public void A_title_starting_with_an_article_keeps_it_and_the_same_question_twice_is_suggested_once()
    {
        var picked = SuggestedQuestions.Pick(
        [
            Doc(Faq, "The Travel Policy", ("The Travel Policy > Hotels", "Q: Can I book a suite?")),
            Doc(Handbook, "Copy", ("", "Q: Can I book a suite?")),
        ], count: 5);

        Assert.Equal(["Can I book a suite?", "What does The Travel Policy say about hotels?"], picked.Select(p => p.Question));
    }

    [Fact]
    public void No_documents_no_suggestions() => Assert.Empty(SuggestedQuestions.Pick([]));
}
