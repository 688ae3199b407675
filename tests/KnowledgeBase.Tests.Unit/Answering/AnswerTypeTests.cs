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
    public void A_questions_wording_says_what_kind_of_answer_it_wants(string question, AnswerKind kind) =>
        Assert.Equal(kind, AnswerType.Of(question));

    [Theory]
    [InlineData("Every business trip needs written approval from your line manager.", true)]
    [InlineData("The travel coordinator, Ines Marlow, helps with complicated itineraries.", true)]
    [InlineData("Everything about business trips is described in the Travel Policy.", false)]
    [InlineData("Read the Benefits Guide for details.", false)]
    public void A_person_answer_names_a_role_or_a_person_not_a_document(string sentence, bool fits) =>
        Assert.Equal(fits, AnswerType.Fits(AnswerKind.Person, sentence));
}
