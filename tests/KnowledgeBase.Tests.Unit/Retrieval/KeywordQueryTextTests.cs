using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Tests.Unit.Retrieval;

public sealed class KeywordQueryTextTests
{
    [Theory]
    [InlineData("What does Northwind_Health_Plus_Benefits_Details.pdf say about eye exams?", "What does Northwind Health Plus Benefits Details say about eye exams?")]
    [InlineData("Is PerksPlus.pdf the same as perks_plus?", "Is PerksPlus the same as perks plus?")]
    [InlineData("see docs/onboarding-guide.md", "see docs onboarding-guide")]
    public void File_names_and_snake_case_become_words(string question, string expected) =>
        Assert.Equal(expected, KeywordQueryText.Prepare(question));

    [Theory]
    [InlineData("Is it covered, e.g. for contractors?")]
    [InlineData("What changed in v1.2 of the policy?")]
    [InlineData("How much is the FlexFit allowance?")]
    public void Ordinary_questions_are_unchanged(string question) =>
        Assert.Equal(question, KeywordQueryText.Prepare(question));
}
