using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Answering.Llm;

namespace KnowledgeBase.Tests.Unit.Resilience;

public sealed class CollectedAnswerTests
{
    private static async IAsyncEnumerable<ChatEvent> Events(params ChatEvent[] events)
    {
        foreach (var e in events)
        {
            await Task.Yield();
            yield return e;
        }
    }

    [Fact]
    public async Task Text_a_failed_model_began_is_dropped_and_the_fallbacks_answer_kept_with_the_notices()
    {
        var answer = await CollectedAnswer.CollectAsync(Events(
            new RetrievalEvent([]),
            new NoticeEvent("The model a did not answer (HTTP 503); trying again in 0.5 s."),
            new TokenEvent("w0 w1 "),
            new TokenEvent("w2 [1]"),
            new NoticeEvent("The model a stopped mid-answer (connection failed); the answer below comes from b.", ReplacesAnswer: true),
            new TokenEvent("\n\n"),
            new TokenEvent("PerksPlus covers "),
            new TokenEvent("gyms [1]."),
            new DoneEvent("llm", "b", 10, false, new TokenUsage(1, 2), 0m, [1], FallbackUsed: true)), CancellationToken.None);

        Assert.Equal("PerksPlus covers gyms [1].", answer.Text);
        Assert.Equal(2, answer.Notices.Count);
        Assert.Contains("stopped mid-answer", answer.Notices[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notice_that_does_not_replace_the_answer_keeps_the_text()
    {
        var answer = await CollectedAnswer.CollectAsync(Events(
            new TokenEvent("Hello "),
            new NoticeEvent("Something happened."),
            new TokenEvent("world."),
            new DoneEvent("llm", "a", 1, false, new TokenUsage(0, 0), 0m, [])), CancellationToken.None);

        Assert.Equal("Hello world.", answer.Text);
        Assert.Equal(["Something happened."], answer.Notices);
    }

    [Fact]
    public void The_output_cap_counts_nothing_until_the_text_could_hold_the_limit_then_stops_at_it()
    {
        var tokens = new TiktokenCounter("o200k_base", "gpt-4o");
        var cap = new OutputCap(20, tokens);
        var words = 0;
        while (!cap.Reached && words < 1000)
        {
            cap.Add(" word");
            words++;
        }

        // " word" is one token: the cap is reached at exactly the 20th.
        Assert.Equal(20, words);
    }

    [Fact]
    public void The_output_cap_counts_the_text_as_a_whole_not_piece_by_piece()
    {
        var tokens = new TiktokenCounter("o200k_base", "gpt-4o");
        var cap = new OutputCap(50, tokens);
        var text = string.Empty;
        while (!cap.Reached)
        {
            // Counted alone, "lorem " is two tokens; in running text each word is about one.
            cap.Add("lorem ");
            text += "lorem ";
        }

        Assert.InRange(tokens.CountTokens(text), 50, 51);
    }
}
