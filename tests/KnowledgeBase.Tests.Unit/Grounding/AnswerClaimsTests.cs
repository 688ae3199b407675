using KnowledgeBase.Core.Grounding;

namespace KnowledgeBase.Tests.Unit.Grounding;

public sealed class AnswerClaimsTests
{
    [Fact]
    public void Each_sentence_is_a_claim_with_the_sources_it_cites()
    {
        var claims = AnswerClaims.Split("Employees can expense up to $1000 [1]. Gym memberships are covered [2, 3].");

        Assert.Equal(["Employees can expense up to $1000.", "Gym memberships are covered."], claims.Select(c => c.Text));
        Assert.Equal([1], claims[0].SourceNumbers);
        Assert.Equal([2, 3], claims[1].SourceNumbers);
    }

    [Fact]
    public void A_marker_after_the_full_stop_belongs_to_the_sentence_before_it()
    {
        const string answer = "The deductible is $2,000. [1] Preventive care costs nothing. [2]";

        var claims = AnswerClaims.Split(answer);

        Assert.Equal(2, claims.Count);
        Assert.Equal([1], claims[0].SourceNumbers);
        Assert.Equal([2], claims[1].SourceNumbers);
        Assert.Equal("Preventive care costs nothing.", claims[1].Text);
        Assert.Equal("Preventive care costs nothing.", claims[1].Range.Of(answer));
    }

    [Fact]
    public void A_sentence_without_a_marker_is_covered_by_the_next_marker_in_its_paragraph_only()
    {
        var claims = AnswerClaims.Split("Vacation is 25 days per year. This includes part-timers [2].\nAsk HR about carry-over.\nParking is free. [3]\nNothing else applies.");

        Assert.Equal([2], claims[0].SourceNumbers);
        Assert.Equal([2], claims[1].SourceNumbers);
        Assert.Empty(claims[2].SourceNumbers);
        Assert.Equal([3], claims[3].SourceNumbers);
        Assert.Empty(claims[4].SourceNumbers);
    }

    [Fact]
    public void A_line_of_markers_alone_cites_for_the_sentence_before_it()
    {
        var claim = Assert.Single(AnswerClaims.Split("Vacation is 25 days per year.\n[1]"));

        Assert.Equal([1], claim.SourceNumbers);
    }

    [Fact]
    public void List_items_cite_what_their_lead_in_cites()
    {
        var claims = AnswerClaims.Split("PerksPlus covers fitness activities, including [2]:\n- Gym memberships\n- Yoga and Pilates classes\n");

        Assert.Equal(3, claims.Count);
        Assert.All(claims, c => Assert.Equal([2], c.SourceNumbers));
    }
}
