using KnowledgeBase.Core.Evaluation;

namespace KnowledgeBase.Tests.Unit.Evaluation;

public sealed class ContextMetricsTests
{
    private static readonly TruthCitation Page7 = new("Plan.pdf", 7);
    private static readonly TruthCitation Page9 = new("Plan.pdf", 9);

    [Fact]
    public void A_span_covers_a_cited_page_and_opens_at_it_only_when_its_open_page_is_that_page()
    {
        var span = new PageSpan("plan.PDF", 6, 8, OpenPage: 6);

        Assert.True(span.Covers(Page7));
        Assert.False(span.OpensAt(Page7));
        Assert.True((span with { OpenPage = 7 }).OpensAt(Page7));
        Assert.True(new PageSpan("Plan.pdf", 7, 7).OpensAt(Page7));
        Assert.True(span.Covers(new TruthCitation("Plan.pdf", null)));
        Assert.False(new PageSpan("Other.pdf", 7, 7).Covers(Page7));
    }

    [Fact]
    public void Distinct_pages_count_every_page_of_every_span_once()
    {
        Assert.Equal(4, ContextMetrics.DistinctPages([new PageSpan("A.pdf", 1, 2), new PageSpan("A.pdf", 2, 3), new PageSpan("B.md", null, null)]));
    }

    [Fact]
    public void Context_precision_rewards_relevant_sources_ranked_first()
    {
        PageSpan hit = new("Plan.pdf", 7, 7), miss = new("Plan.pdf", 1, 1);

        Assert.Equal(1.0, ContextMetrics.Precision([Page7], [hit, miss, miss]), 6);
        Assert.Equal(0.5, ContextMetrics.Precision([Page7], [miss, hit, miss]), 6);
        Assert.Equal((1 + (2 / 3.0)) / 2, ContextMetrics.Precision([Page7], [hit, miss, hit]), 6);
        Assert.Equal(0.0, ContextMetrics.Precision([Page7], [miss, miss]), 6);
    }

    [Fact]
    public void Context_recall_is_the_share_of_cited_pages_shown()
    {
        Assert.Equal(0.5, ContextMetrics.Recall([Page7, Page9], [new PageSpan("Plan.pdf", 6, 7)]), 6);
        Assert.True(ContextMetrics.PageHit([Page7, Page9], [new PageSpan("Plan.pdf", 9, 9)]));
        Assert.False(ContextMetrics.PageExact([Page9], [new PageSpan("Plan.pdf", 8, 9, OpenPage: 8)]));
    }
}
