namespace KnowledgeBase.Core.Answering;

/// <summary>
/// A numbered source as shown to the user; <c>[Number]</c> in the answer points at it. The pages span
/// the whole passage given to the answerer; <see cref="Page"/> is where its best-matching part starts
/// (the page to open), and <see cref="Snippet"/> quotes that part.
/// </summary>
public sealed record Citation(
    int Number,
    Guid DocumentId,
    string Title,
    string SourceName,
    int? StartPage,
    int? EndPage,
    string Snippet,
    int? Page = null);
