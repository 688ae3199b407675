namespace KnowledgeBase.Core.Answering;

/// <summary>
/// Turns a follow-up ("and for contractors?") into a standalone search query using the conversation
/// so far. Two implementations: a heuristic one offline and the configured LLM.
/// </summary>
public interface IQueryCondenser
{
    ValueTask<string> CondenseAsync(string question, IReadOnlyList<ChatTurn> history, CancellationToken cancellationToken);
}
