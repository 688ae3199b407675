namespace KnowledgeBase.Core.Answering;

/// <summary>
/// A question from a user; <see cref="Collection"/> narrows retrieval to one collection and
/// <see cref="ConversationId"/> makes it a follow-up in an existing conversation (null starts a new one).
/// <see cref="Replaces"/> asks again in place of the conversation's last question (regenerate, or edit and resend):
/// that question and its answer leave the conversation. <see cref="Cache"/> false asks for a fresh answer (never
/// read from or written to the answer cache); a regenerate is always fresh.
/// </summary>
public sealed record AskRequest(string Question, string? Collection = null, Guid? ConversationId = null, Guid? Replaces = null, bool? Cache = null)
{
    public const int MaxQuestionLength = 2000;

    /// <summary>The same bound as a document's collection name.</summary>
    public const int MaxCollectionLength = 100;

    /// <summary>A reason the request cannot be answered, or null when it is fine.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Question) ? "The question is empty."
        : Question.Length > MaxQuestionLength ? $"The question is too long ({Question.Length} characters; at most {MaxQuestionLength})."
        : Collection?.Length > MaxCollectionLength ? $"'collection' is too long ({Collection.Length} characters; at most {MaxCollectionLength})."
        : Replaces is not null && ConversationId is null ? "'replaces' names a question of a conversation: send its 'conversationId' too."
        : null;
}
