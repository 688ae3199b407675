namespace KnowledgeBase.Core.Answering;

/// <summary>
/// A numbered source as shown to the user; <c>[Number]</c> in the answer points at it. The pages span
/// the whole passage given to the answerer; <see cref="Page"/> is the page to open: where the cited
/// sentence is once the answer is written (the <c>citations</c> event), where the best-matching part
/// starts before that. <see cref="Snippet"/> quotes that sentence (or part).
/// <see cref="Passage"/> is the passage's text, <see cref="Sentences"/> the character ranges in it that
/// the answer used (for highlighting), <see cref="HeadingPath"/> and <see cref="Anchor"/> the section
/// (Markdown/HTML heading slug, or a text fragment <c>:~:text=…</c> for plain text).
/// </summary>
public sealed record Citation(
    int Number,
    Guid DocumentId,
    string Title,
    string SourceName,
    int? StartPage,
    int? EndPage,
    string Snippet,
    int? Page = null,
    string? Passage = null,
    string? HeadingPath = null,
    string? Anchor = null,
    IReadOnlyList<CitedSentence>? Sentences = null);

/// <summary>A sentence of a citation's passage that the answer used: its character range in <see cref="Citation.Passage"/> and its page.</summary>
public sealed record CitedSentence(int Start, int Length, int? Page);
