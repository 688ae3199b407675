using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Tests.Unit.Retrieval;

public sealed class PassageFocusTests
{
    private const string Text = "Title page.\nDisclaimer text.\nWith PerksPlus, employees can expense up to $1000.\nWhat is Covered?";

    private static readonly RetrievedChunk Passage = new(
        1, Guid.NewGuid(), "PerksPlus", "PerksPlus.pdf", Text, 1, 4, string.Empty, 0.5,
        PageStarts: [new PageStart(0, 1), new PageStart(12, 2), new PageStart(29, 3), new PageStart(80, 4)]);

    [Fact]
    public void A_passage_keeps_only_the_page_of_its_best_sentence()
    {
        var focus = new TextRange(29, 50);

        var narrowed = PassageFocus.OnPagesOf(Passage, focus, margin: 0);

        Assert.Equal("With PerksPlus, employees can expense up to $1000.", narrowed.Text);
        Assert.Equal((3, 3), (narrowed.StartPage, narrowed.EndPage));
        Assert.Equal([new PageStart(0, 3)], narrowed.PageStarts);
        Assert.Equal(3, narrowed.HitPage);
    }

    [Fact]
    public void A_sentence_across_a_page_break_keeps_both_pages()
    {
        var narrowed = PassageFocus.OnPagesOf(Passage, new TextRange(12, 30), margin: 0);

        Assert.Equal((2, 3), (narrowed.StartPage, narrowed.EndPage));
        Assert.StartsWith("Disclaimer text.", narrowed.Text);
        Assert.EndsWith("$1000.", narrowed.Text);
    }

    [Fact]
    public void A_sentence_across_a_page_break_is_on_the_page_that_holds_most_of_it()
    {
        // "Disclaimer text.\nWith PerksPlus…$1000." runs from page 2 into page 3, mostly on page 3.
        var sentence = new TextRange(12, 67);

        Assert.Equal(3, Passage.PageOf(sentence));
        Assert.Equal(3, PassageFocus.OnPagesOf(Passage, sentence, margin: 0).HitPage);
    }

    [Fact]
    public void A_passage_without_pages_is_unchanged()
    {
        var markdown = Passage with { PageStarts = [], StartPage = null, EndPage = null };

        Assert.Same(markdown, PassageFocus.OnPagesOf(markdown, new TextRange(29, 10), margin: 0.25));
    }

    [Fact]
    public void A_sentence_at_the_top_of_its_page_keeps_the_page_before_where_its_section_starts()
    {
        var narrowed = PassageFocus.OnPagesOf(Passage, new TextRange(29, 20), margin: 0.25);

        Assert.Equal((2, 3), (narrowed.StartPage, narrowed.EndPage));
        Assert.Equal(3, narrowed.HitPage);
    }

    [Fact]
    public void A_sentence_at_the_bottom_of_its_page_keeps_the_page_after()
    {
        var narrowed = PassageFocus.OnPagesOf(Passage, new TextRange(60, 20), margin: 0.25);

        Assert.Equal((3, 4), (narrowed.StartPage, narrowed.EndPage));
        Assert.EndsWith("What is Covered?", narrowed.Text);
    }

    [Fact]
    public void A_close_runner_up_on_the_next_page_keeps_that_page()
    {
        var narrowed = PassageFocus.OnPagesOf(Passage, new TextRange(29, 20), margin: 0, runnerUp: new TextRange(80, 16));

        Assert.Equal((3, 4), (narrowed.StartPage, narrowed.EndPage));
        Assert.Equal(3, narrowed.HitPage);
    }

    [Fact]
    public void A_close_runner_up_on_the_page_before_keeps_that_page_rather_than_the_margin_side()
    {
        var narrowed = PassageFocus.OnPagesOf(Passage, new TextRange(60, 20), margin: 0.25, runnerUp: new TextRange(12, 16));

        Assert.Equal((2, 3), (narrowed.StartPage, narrowed.EndPage));
    }

    [Fact]
    public void A_runner_up_two_pages_away_keeps_one_page()
    {
        var narrowed = PassageFocus.OnPagesOf(Passage, new TextRange(29, 20), margin: 0, runnerUp: new TextRange(0, 11));

        Assert.Equal((3, 3), (narrowed.StartPage, narrowed.EndPage));
    }
}
