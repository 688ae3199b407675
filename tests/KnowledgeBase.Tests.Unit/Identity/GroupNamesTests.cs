using KnowledgeBase.Infrastructure.Identity;

namespace KnowledgeBase.Tests.Unit.Identity;

public sealed class GroupNamesTests
{
    [Fact]
    public void Names_are_trimmed_and_deduplicated_in_order()
    {
        Assert.Equal(["hr", "staff", "eng.team_2"], GroupNames.Validate([" hr", "staff", "hr ", "eng.team_2"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a,b")]
    [InlineData("naïve")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public void Invalid_names_are_refused_with_the_rule(string name)
    {
        var e = Assert.Throws<AccountException>(() => GroupNames.Validate([name]));

        Assert.Equal(AccountError.Invalid, e.Error);
        Assert.Contains("letters, digits", e.Message, StringComparison.Ordinal);
    }
}
