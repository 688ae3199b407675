using KnowledgeBase.Infrastructure.Documents;

namespace KnowledgeBase.Tests.Unit.Documents;

public sealed class DisplayNameTests
{
    [Fact]
    public void A_long_name_keeps_its_extension_within_the_limit()
    {
        var name = DisplayName.From(new string('a', 400) + ".pdf");

        Assert.Equal(255, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extension_longer_than_a_name_may_be_is_cut_like_the_rest()
    {
        var name = DisplayName.From("note." + new string('x', 600));

        Assert.Equal(255, name.Length);
        Assert.StartsWith("note.xxx", name, StringComparison.Ordinal);
    }
}
