namespace KnowledgeBase.Core.Answering;

/// <summary>
/// What the server knows about a question beyond its text, never taken from the request body:
/// who asks (for budgets and cost metrics), the conversation so far (already trimmed to its token
/// budget), and the standalone search query condensed from a follow-up (null: search for the question).
/// </summary>
public sealed record AskContext(string? UserId = null, IReadOnlyList<ChatTurn>? History = null, string? SearchQuery = null)
{
    public static AskContext None { get; } = new();

    public IReadOnlyList<ChatTurn> Turns => History ?? [];
}
