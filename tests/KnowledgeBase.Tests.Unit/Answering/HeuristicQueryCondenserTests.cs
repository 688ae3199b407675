using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Tests.Unit.Answering;

public sealed class HeuristicQueryCondenserTests
{
    private static readonly HeuristicQueryCondenser Condenser = new();

    private static Task<string> CondenseAsync(string question, params ChatTurn[] history) =>
        Condenser.CondenseAsync(question, history, CancellationToken.None).AsTask();

    private static ChatTurn User(string text) => new(ChatTurnRole.User, text);

    private static ChatTurn Assistant(string text) => new(ChatTurnRole.Assistant, text);

    [Fact]
    public async Task A_short_follow_up_gets_the_key_words_of_the_previous_question()
    {
        var query = await CondenseAsync("and who is eligible?", User("How much is the FlexFit allowance?"), Assistant("It is 600 EUR per year [1]."));

        Assert.Equal("and who is eligible? FlexFit allowance", query);
    }

    [Fact]
    public async Task A_pronoun_makes_a_long_question_a_follow_up()
    {
        var query = await CondenseAsync("Can part-time employees also claim it for their gym membership?", User("What does the FlexFit allowance cover?"));

        Assert.Equal("Can part-time employees also claim FlexFit allowance for their gym membership?", query);
    }

    [Fact]
    public async Task A_question_that_stands_alone_is_searched_as_asked()
    {
        const string question = "What is the hotel cap in London for business travel?";

        Assert.Equal(question, await CondenseAsync(question, User("How much is the FlexFit allowance?")));
    }

    [Fact]
    public async Task Without_history_the_question_is_unchanged()
    {
        Assert.Equal("and who is eligible?", await CondenseAsync("and who is eligible?"));
    }

    [Fact]
    public async Task A_chain_of_follow_ups_reaches_back_to_the_question_that_named_the_subject()
    {
        var query = await CondenseAsync(
            "and the deadline?",
            User("How much is the FlexFit allowance?"), Assistant("600 EUR [1]."),
            User("who is eligible?"), Assistant("Every eligible employee [1]."));

        Assert.Equal("and the deadline? FlexFit allowance eligible", query);
    }

    [Fact]
    public async Task Words_already_in_the_question_are_not_repeated_and_assistant_text_is_not_used()
    {
        var query = await CondenseAsync("and the FlexFit deadline…", User("How much is the FlexFit allowance?"), Assistant("Claims by 15 January [1]."));

        Assert.Equal("and the FlexFit deadline… allowance", query);
    }

    [Fact]
    public async Task A_pronoun_is_replaced_by_the_topic_and_verbs_of_the_earlier_question_are_left_behind()
    {
        var query = await CondenseAsync("and who approves it?", User("How do I book business travel?"), Assistant("Book it in the travel portal [1]."));

        Assert.Equal("and who approves business travel?", query);
    }

    [Fact]
    public async Task The_topic_is_the_earlier_questions_noun_phrases_and_names()
    {
        Assert.Equal(["FlexFit allowance"], HeuristicQueryCondenser.TopicPhrases("How much is the FlexFit allowance?"));
        Assert.Equal(["per diem", "business travel abroad"], HeuristicQueryCondenser.TopicPhrases("What is the per diem for business travel abroad?"));
        Assert.Equal(["vacation days"], HeuristicQueryCondenser.TopicPhrases("How many vacation days do employees get?"));
        Assert.Empty(HeuristicQueryCondenser.TopicPhrases("What do employees get?"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_determiner_is_not_taken_for_a_pronoun()
    {
        var query = await CondenseAsync("and for that year?", User("How many vacation days do employees get?"));

        Assert.Equal("and for that year? vacation days", query);
    }

    [Fact]
    public async Task Three_turns_keep_the_subject_of_the_first()
    {
        var query = await CondenseAsync(
            "what about interns?",
            User("How many vacation days do employees get?"), Assistant("25 days [1]."),
            User("and part-time staff?"), Assistant("Pro rata [1]."));

        Assert.Equal("what about interns? vacation days part-time staff", query);
    }

    [Theory]
    [InlineData("What about contractors?", true)]
    [InlineData("Does that apply to interns as well as employees?", true)]
    [InlineData("and for part-time staff...", true)]
    [InlineData("How many vacation days do new employees get in their first year?", true)]
    [InlineData("How many vacation days do new employees get during the first year?", false)]
    public void Follow_ups_are_recognised_by_length_pronouns_openings_and_ellipsis(string question, bool expected) =>
        Assert.Equal(expected, HeuristicQueryCondenser.IsFollowUp(question));
}
