using KnowledgeBase.Core.Evaluation;

namespace KnowledgeBase.Tests.Unit.Evaluation;

public sealed class QaMetricsTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Token_f1_is_one_for_identical_answers() =>
        Assert.Equal(1, QaMetrics.TokenF1("Claims are paid monthly.", "Claims are paid monthly."));

    [Fact]
    public void Token_f1_is_zero_for_disjoint_answers() =>
        Assert.Equal(0, QaMetrics.TokenF1("Claims are paid monthly.", "Dental cover is excluded."));

    [Fact]
    public void Token_f1_ignores_case_punctuation_and_articles() =>
        Assert.Equal(1, QaMetrics.TokenF1("The PLAN, covers an eye exam!", "plan covers eye exam"));

    [Fact]
    public void Token_f1_of_a_partial_match_is_the_harmonic_mean_of_precision_and_recall()
    {
        // prediction: plan covers 600 eur per year (6 tokens, "the" dropped); truth: 600 eur per calendar year (5)
        // shared: 600, eur, per, year = 4; P = 4/6, R = 4/5; F1 = 2PR/(P+R) = (16/15)/(22/15) = 8/11
        var f1 = QaMetrics.TokenF1("The plan covers 600 EUR per year.", "600 EUR per calendar year");

        Assert.Equal(8.0 / 11, f1, Tolerance);
    }

    [Fact]
    public void Token_f1_compares_token_multisets()
    {
        // prediction: yes yes (2), truth: yes (1); shared 1; P = 1/2, R = 1; F1 = 2/3
        Assert.Equal(2.0 / 3, QaMetrics.TokenF1("yes yes", "yes"), Tolerance);
    }

    [Fact]
    public void Token_f1_ignores_citation_markers()
    {
        Assert.Equal(1, QaMetrics.TokenF1("Claims are paid monthly [1].", "Claims are paid monthly [Benefits_Guide.pdf#page=3]."));
        Assert.Equal(1, QaMetrics.TokenF1("Claims [2, 3] are paid monthly [1]", "Claims are paid monthly [Guide.pdf][Other.pdf#page=4]"));
    }

    [Fact]
    public void Token_f1_of_two_empty_answers_is_one_and_of_one_empty_answer_zero()
    {
        Assert.Equal(1, QaMetrics.TokenF1("", "[Guide.pdf#page=2]"));
        Assert.Equal(0, QaMetrics.TokenF1("The", "Claims are paid monthly."));
    }

    [Fact]
    public void Parses_a_citation_with_a_page()
    {
        var citations = QaMetrics.ParseTruthCitations(
            "In-network costs are shared 80/20 [Northwind_Health_Plus_Benefits_Details.pdf#page=45].");

        Assert.Equal([new TruthCitation("Northwind_Health_Plus_Benefits_Details.pdf", 45)], citations);
    }

    [Fact]
    public void Parses_a_citation_without_a_page()
    {
        Assert.Equal([new TruthCitation("Benefit_Options.pdf", null)], QaMetrics.ParseTruthCitations("Yes [Benefit_Options.pdf]."));
    }

    [Fact]
    public void Parses_adjacent_and_scattered_citations_in_order_without_repeats()
    {
        var citations = QaMetrics.ParseTruthCitations(
            "Both plans cover it [a.pdf#page=3][b.pdf#page=4]. The deductible applies [a.pdf#page=3], see [c.pdf].");

        Assert.Equal(
            [new TruthCitation("a.pdf", 3), new TruthCitation("b.pdf", 4), new TruthCitation("c.pdf", null)],
            citations);
    }

    [Fact]
    public void A_truth_without_file_citations_has_none()
    {
        Assert.Empty(QaMetrics.ParseTruthCitations("The documents do not say [1]."));
        Assert.Empty(QaMetrics.ParseTruthCitations(""));
    }

    [Theory]
    [InlineData("I could not find an answer to that in the documents you have access to.")]
    [InlineData("I don’t know.")]
    [InlineData("The documents DO NOT CONTAIN this information.")]
    [InlineData("The deductible is not mentioned in the sources.")]
    [InlineData("There is no information about dental cover.")]
    [InlineData("I was unable to find that.")]
    [InlineData("I cannot answer that from the provided sources.")]
    public void Detects_a_refusal(string answer) => Assert.True(QaMetrics.IsRefusal(answer));

    [Theory]
    [InlineData("Claims are paid monthly [1].")]
    [InlineData("The plan covers 600 EUR per year, including information sessions [2].")]
    public void Does_not_take_an_answer_for_a_refusal(string answer) => Assert.False(QaMetrics.IsRefusal(answer));
}
