namespace KnowledgeBase.Core.Answering;

/// <summary>A numbered source as shown to the user; <c>[Number]</c> in the answer points at it.</summary>
public sealed record Citation(
    int Number,
    Guid DocumentId,
    string Title,
    string SourceName,
    int? StartPage,
    int? EndPage,
    string Snippet);
