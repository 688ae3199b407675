namespace KnowledgeBase.Core.Answering;

/// <summary>
/// What the server knows about a question beyond its text, never taken from the request body:
/// who asks (for budgets and cost metrics), the conversation so far (already trimmed to its token
/// budget), and the standalone search query condensed from a follow-up (null: search for the question).
/// <see cref="QuotedSources"/> are the chunks the guardrails flagged as carrying a planted instruction and
/// kept as quotations: the prompt passes them as quoted data.
/// </summary>
public sealed record AskContext(string? UserId = null, IReadOnlyList<ChatTurn>? History = null, string? SearchQuery = null, IReadOnlySet<long>? QuotedSources = null)
{
    public static AskContext None { get; } = new();

    public IReadOnlyList<ChatTurn> Turns => History ?? [];
}
