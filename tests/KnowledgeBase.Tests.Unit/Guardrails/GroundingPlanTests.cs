using KnowledgeBase.Core.Guardrails;

namespace KnowledgeBase.Tests.Unit.Guardrails;

public sealed class GroundingPlanTests
{
    private const string Answer = "Gym memberships are covered [1]. Parking costs 40 EUR [1, 2]. The moon is cheese.";

    [Fact]
    public void Each_sentence_is_asked_against_what_it_cites_and_uncited_ones_against_all_sources()
    {
        var plan = GroundingPlan.For(Answer, 3);

        Assert.Equal(3, plan.Claims.Count);
        Assert.Equal(
            [
                (0, "1", SupportQuestionKind.Cited), (0, "1,2,3", SupportQuestionKind.Anywhere),
                (1, "1,2", SupportQuestionKind.Cited), (1, "1,2,3", SupportQuestionKind.Anywhere), (1, "1", SupportQuestionKind.OneCitation), (1, "2", SupportQuestionKind.OneCitation),
                (2, "1,2,3", SupportQuestionKind.Cited),
            ],
            plan.Questions.Select(q => (q.Claim, string.Join(',', q.Sources), q.Kind)));
    }

    [Fact]
    public void All_sources_are_searched_only_for_sentences_their_citations_do_not_hold()
    {
        var plan = GroundingPlan.For(Answer, 3);

        Assert.Equal([0, 2, 4, 5, 6], plan.FirstRound);
        Assert.Empty(plan.SecondRound([true, false, true, false, true, true, false]));
        Assert.Equal([3], plan.SecondRound([true, false, false, false, true, true, false]));
    }

    [Fact]
    public void A_sentence_supported_nowhere_is_ungrounded_at_its_place_in_the_answer()
    {
        var plan = GroundingPlan.For(Answer, 3);

        var finding = Assert.Single(plan.Findings([true, true, true, true, true, true, false]));

        Assert.Equal((GuardRules.Groundedness, GroundingPlan.UnsupportedKind), (finding.Rule, finding.Kind));
        Assert.Equal("The moon is cheese.", finding.Range.Of(Answer));
    }

    [Fact]
    public void A_sentence_found_in_another_source_than_the_one_it_cites_has_a_wrong_citation()
    {
        var plan = GroundingPlan.For(Answer, 3);

        var finding = Assert.Single(plan.Findings([false, true, true, true, true, true, true]));

        Assert.Equal((GuardRules.CitationSupport, "citation [1]"), (finding.Rule, finding.Kind));
        Assert.Equal("Gym memberships are covered [1].", finding.Range.Of(Answer));
    }

    [Fact]
    public void A_cited_source_that_adds_nothing_to_a_supported_sentence_is_reported()
    {
        var plan = GroundingPlan.For(Answer, 3);

        var finding = Assert.Single(plan.Findings([true, true, true, true, true, false, true]));

        Assert.Equal((GuardRules.CitationSupport, "citation [2]"), (finding.Rule, finding.Kind));
        Assert.Equal("Parking costs 40 EUR [1, 2].", finding.Range.Of(Answer));
    }

    [Fact]
    public void Citations_of_sources_that_do_not_exist_count_as_no_citation_and_no_sources_means_nothing_to_judge()
    {
        var plan = GroundingPlan.For("A claim citing nothing real [9].", 2);

        Assert.Equal([("1,2", SupportQuestionKind.Cited)], plan.Questions.Select(q => (string.Join(',', q.Sources), q.Kind)));
        Assert.Empty(GroundingPlan.For(Answer, 0).Questions);
        Assert.Throws<ArgumentException>(() => plan.Findings([]));
    }
}
