using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Tests.Unit.Text;

public sealed class StorableTextTests
{
    [Fact]
    public void Nul_characters_are_dropped() =>
        Assert.Equal("Hello world", StorableText.Clean("Hel\0lo\0 world\0"));

    [Fact]
    public void An_unpaired_surrogate_becomes_the_replacement_character_and_pairs_stay() =>
        Assert.Equal("a\uFFFDb😀c\uFFFD", StorableText.Clean("a\uD800b😀c\uDC00"));

    [Fact]
    public void Clean_text_is_returned_as_it_is()
    {
        const string text = "Nothing to clean here: ✓ 😀";

        Assert.Same(text, StorableText.Clean(text));
    }
}
