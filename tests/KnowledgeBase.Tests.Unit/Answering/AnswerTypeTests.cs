using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Tests.Unit.Answering;

public sealed class AnswerTypeTests
{
    [Theory]
    [InlineData("How much is the FlexFit allowance?", AnswerKind.Quantity)]
    [InlineData("When must claims be submitted?", AnswerKind.Time)]
    [InlineData("and who approves business travel?", AnswerKind.Person)]
    [InlineData("Can I work from another country?", AnswerKind.Permission)]
    [InlineData("What is Lighthouse?", AnswerKind.Any)]
    [InlineData("How long do I have to request a right of recovery?", AnswerKind.Time)]
    [InlineData("How often are performance reviews held?", AnswerKind.Time)]
    public void A_questions_wording_says_what_kind_of_answer_it_wants(string question, AnswerKind kind) =>
        Assert.Equal(kind, AnswerType.Of(question));

    [Theory]
    [InlineData("Every business trip needs written approval from your line manager.", true)]
    [InlineData("The travel coordinator, Ines Marlow, helps with complicated itineraries.", true)]
    [InlineData("Everything about business trips is described in the Travel Policy.", false)]
    [InlineData("Read the Benefits Guide for details.", false)]
    public void A_person_answer_names_a_role_or_a_person_not_a_document(string sentence, bool fits) =>
        Assert.Equal(fits, AnswerType.Fits(AnswerKind.Person, sentence));

    [Theory]
    [InlineData("How many paid sick days do employees get?", "day")]
    [InlineData("How many acupuncture visits does Northwind Health Plus cover?", "visit")]
    [InlineData("How many weeks of vacation does the senior tier get?", "week")]
    [InlineData("How much is the FlexFit allowance?", null)]
    public void A_how_many_question_says_what_it_counts(string question, string? noun) =>
        Assert.Equal(noun, AnswerType.CountedNoun(question));

    [Theory]
    [InlineData("visit", "In-network, coverage is provided for up to 12 visits per year.", true)]
    [InlineData("week", "Senior tier: four weeks of vacation.", true)]
    [InlineData("visit", "Out-of-network, the plan covers up to $25 per visit.", false)]
    [InlineData("day", "The deductible is $2,000 per person, per year.", false)]
    public void A_how_many_answer_counts_what_the_question_counts_and_a_price_does_not(string counted, string sentence, bool fits) =>
        Assert.Equal(fits, AnswerType.Fits(AnswerKind.Quantity, sentence, AnswerType.CountOf(counted)));
}
