using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Tests.Unit.Answering;

public sealed class StreamingTextTests
{
    [Fact]
    public void Pieces_rejoin_to_the_original_text()
    {
        const string text = "FlexFit gives 600 EUR [1].  Claims  are paid monthly [2].";
        var pieces = StreamingText.Pieces(text).ToList();

        Assert.Equal(text, string.Concat(pieces));
        Assert.Equal("FlexFit ", pieces[0]);
        Assert.True(pieces.Count >= 9);
    }

    [Fact]
    public void Empty_text_has_no_pieces() => Assert.Empty(StreamingText.Pieces(string.Empty));

    [Fact]
    public void Snippet_is_cut_at_a_word_boundary()
    {
        var snippet = CitationSnippet.From(string.Join(' ', Enumerable.Repeat("benefit", 100)), 50);

        Assert.EndsWith("benefit…", snippet);
        Assert.True(snippet.Length <= 51);
    }
}
