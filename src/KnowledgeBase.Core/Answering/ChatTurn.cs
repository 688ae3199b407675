namespace KnowledgeBase.Core.Answering;

public enum ChatTurnRole
{
    User,
    Assistant,
}

/// <summary>One earlier message of a conversation, as the answerer sees it.</summary>
public sealed record ChatTurn(ChatTurnRole Role, string Text);
