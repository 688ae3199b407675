using KnowledgeBase.Core.Evaluation;

namespace KnowledgeBase.Tests.Unit.Evaluation;

public sealed class JudgePromptsTests
{
    [Fact]
    public void Faithfulness_is_the_mean_verdict_even_inside_a_code_fence()
    {
        Assert.Equal(2 / 3.0, JudgePrompts.ParseFaithfulness("```json\n{\"verdicts\": [1, 0, 1]}\n```")!.Value, 6);
    }

    [Fact]
    public void Correctness_is_tp_over_tp_plus_half_the_errors()
    {
        Assert.Equal(2 / 3.0, JudgePrompts.ParseCorrectness("{\"tp\": 2, \"fp\": 1, \"fn\": 1}")!.Value, 6);
    }

    [Fact]
    public void Replies_without_the_expected_json_give_no_score()
    {
        Assert.Null(JudgePrompts.ParseFaithfulness("I think it is faithful."));
        Assert.Null(JudgePrompts.ParseCorrectness("{\"tp\": \"two\"}"));
        Assert.Null(JudgePrompts.ParseFaithfulness("{broken"));
    }

    [Fact]
    public void The_faithfulness_prompt_numbers_the_statements_and_fences_each_context()
    {
        var prompt = JudgePrompts.Faithfulness("How much?", ["It is $1000.", "It is yearly."], ["Up to $1000 per year."]);

        Assert.Contains("1. It is $1000.", prompt);
        Assert.Contains("2. It is yearly.", prompt);
        Assert.Contains("<<<\nUp to $1000 per year.\n>>>", prompt.ReplaceLineEndings("\n"));
    }
}
