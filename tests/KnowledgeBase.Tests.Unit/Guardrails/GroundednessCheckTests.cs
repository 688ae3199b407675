using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Infrastructure.Grounding;
using KnowledgeBase.Infrastructure.Guardrails;
using KnowledgeBase.Tests.Unit.Grounding;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Tests.Unit.Guardrails;

/// <summary>The groundedness rules with the shared scorer and the real in-process embedding model.</summary>
public sealed class GroundednessCheckTests(SentenceSupportScorerTests.Model model) : IClassFixture<SentenceSupportScorerTests.Model>
{
    private static readonly string[] Sources =
    [
        "The FlexFit fitness allowance gives every employee 600 EUR per calendar year. It is not paid in cash.",
        "Employees park in garage B from 7 am. The parking allowance is 40 EUR per month.",
    ];

    private GroundednessCheck Check()
    {
        var options = Options.Create(new GroundingOptions());
        return new GroundednessCheck(new SentenceSupportScorer(model.Generator, new SentenceVectorCache(options), options));
    }

    [Fact]
    public async Task Sentences_quoted_or_paraphrased_from_their_sources_pass()
    {
        var findings = await Check().FindAsync(
            "Every employee gets a FlexFit fitness allowance of 600 EUR per calendar year [1]. Staff park in garage B from 7 am [2].", Sources, CancellationToken.None);

        Assert.Empty(findings);
    }

    [Fact]
    public async Task A_made_up_sentence_is_ungrounded_and_a_wrong_citation_is_reported()
    {
        const string answer = "The FlexFit allowance is 600 EUR per calendar year [1]. Unused allowance is paid out as a bonus in December [1]. The parking allowance is 40 EUR per month [1].";

        var findings = await Check().FindAsync(answer, Sources, CancellationToken.None);

        Assert.Equal(
            [(GuardRules.Groundedness, "Unused allowance is paid out as a bonus in December [1]."), (GuardRules.CitationSupport, "The parking allowance is 40 EUR per month [1].")],
            findings.Select(f => (f.Rule, f.Range.Of(answer))));
    }
}
