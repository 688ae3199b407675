using System.CommandLine;

namespace KnowledgeBase.Cli.Commands;

/// <summary>`kb eval …`: retrieval and answer quality on public or company data; prints JSON.</summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Measure retrieval and answer quality; prints JSON.")
    {
        EvalBeirCommand.Create(),
        EvalQaCommand.Create(),
        EvalGuardrailsCommand.Create(),
        EvalFeedbackCommand.Create(),
        EvalCacheCommand.Create(),
    };
}
