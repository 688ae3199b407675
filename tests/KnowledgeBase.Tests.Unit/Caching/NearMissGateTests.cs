using KnowledgeBase.Core.Caching;

namespace KnowledgeBase.Tests.Unit.Caching;

public sealed class NearMissGateTests
{
    [Theory]
    [InlineData("How many vacation days do I get per year?", "How many days of vacation do I get each year?")]
    [InlineData("How much is the FlexFit allowance per year?", "How much is the yearly FlexFit allowance?")]
    [InlineData("What does the pension plan include?", "What is included in the pension plan?")]
    [InlineData("What are Zava's values?", "What values does Zava have?")]
    [InlineData("Who is my first contact for IT problems?", "Who should I contact first about IT problems?")]
    [InlineData("Can I start work at 7:00?", "Is it OK to start my work at 7:00?")]
    public void Paraphrases_pass(string cached, string asked) =>
        Assert.Equal(GateRejection.None, NearMissGate.Default.Check(cached, asked));

    [Theory]
    [InlineData("How do I reset my password?", "How do I not reset my password?", GateRejection.Negation)]
    [InlineData("Is remote work allowed?", "Isn't remote work allowed?", GateRejection.Negation)]
    [InlineData("Is the allowance 600 EUR?", "Is the allowance 700 EUR?", GateRejection.Number)]
    [InlineData("Do I get five days?", "Do I get 5 weeks?", GateRejection.Number)]
    [InlineData("Is the hotel limit 1,000 EUR?", "Is the hotel limit 100 EUR?", GateRejection.Number)]
    [InlineData("Are reviews held in March?", "Are reviews held in April?", GateRejection.Number)]
    [InlineData("What does Northwind Standard cover?", "What does Northwind Health Plus cover?", GateRejection.Entity)]
    [InlineData("What does in-network mean?", "What does out-of-network mean?", GateRejection.Entity)]
    [InlineData("How do I submit travel expenses?", "When do I submit travel expenses?", GateRejection.QuestionWord)]
    [InlineData("How long is parental leave?", "How much is parental leave?", GateRejection.QuestionWord)]
    [InlineData("What does the dental plan cover?", "What does the vision plan cover?", GateRejection.ContentWord)]
    [InlineData("Is there a bike lease?", "Is there a bike lease for interns?", GateRejection.ContentWord)]
    public void Near_misses_are_rejected_with_their_reason(string cached, string asked, GateRejection reason) =>
        Assert.Equal(reason, NearMissGate.Default.Check(cached, asked));

    [Fact]
    public void Each_check_can_be_switched_off()
    {
        Assert.Equal(GateRejection.None, (NearMissGate.Default with { Negations = false }).Check("Is it paid?", "Is it not paid?"));
        Assert.Equal(GateRejection.None, (NearMissGate.Default with { ContentWords = false }).Check("Is there a bike lease?", "Is there a bike lease for interns?"));
    }
}
