using KnowledgeBase.Core.Evaluation;

namespace KnowledgeBase.Tests.Unit.Evaluation;

public sealed class RuleTallyTests
{
    [Fact]
    public void Precision_and_recall_per_rule_and_per_group()
    {
        var tally = new RuleTally();
        tally.Expected("pii.email", caught: true);
        tally.Expected("pii.email", caught: false);
        tally.Unexpected("pii.email");
        tally.Expected("secret.aws_key", caught: true);
        tally.Unexpected("pii.phone");

        var email = tally.ByRule.Single(r => r.Rule == "pii.email");
        Assert.Equal((1, 1, 1), (email.TruePositives, email.FalseNegatives, email.FalsePositives));
        Assert.Equal(0.5, email.Precision);
        Assert.Equal(0.5, email.Recall);
        Assert.Null(tally.ByRule.Single(r => r.Rule == "pii.phone").Recall);
        Assert.Equal(0, tally.ByRule.Single(r => r.Rule == "pii.phone").Precision);

        var pii = tally.Group("pii", r => r.StartsWith("pii.", StringComparison.Ordinal));
        Assert.Equal((1, 1, 2), (pii.TruePositives, pii.FalseNegatives, pii.FalsePositives));
        Assert.Equal(1, tally.Group("secrets", r => r.StartsWith("secret.", StringComparison.Ordinal)).Recall);
    }
}
