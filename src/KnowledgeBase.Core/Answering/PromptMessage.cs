namespace KnowledgeBase.Core.Answering;

public enum PromptRole
{
    System,
    User,
    Assistant,
}

/// <summary>One message sent to a chat model.</summary>
public sealed record PromptMessage(PromptRole Role, string Text);

/// <summary>
/// A prompt ready for a chat model: the messages, the source numbers it contains (the only numbers
/// an answer may cite), how many earlier turns fitted, and the input size in the model's tokens.
/// </summary>
public sealed record Prompt(IReadOnlyList<PromptMessage> Messages, IReadOnlySet<int> SourceNumbers, int HistoryTurns, int InputTokens);

/// <summary>Token budgets for the sources and for the conversation so far.</summary>
public sealed record PromptBudget(int SourceTokens, int HistoryTokens);
