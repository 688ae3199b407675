namespace KnowledgeBase.Core.Evaluation;

/// <summary>
/// What a retrieved source shows: its file, its page span, and the page a reader is sent to
/// (<see cref="OpenPage"/>: where the cited or best-matching sentence is).
/// </summary>
public sealed record PageSpan(string SourceName, int? StartPage, int? EndPage, int? OpenPage = null)
{
    /// <summary>Whether the span holds the cited page (any page of the file when the citation names none).</summary>
    public bool Covers(TruthCitation expected) =>
        SameFile(expected) && (expected.Page is not { } page || (StartPage <= page && page <= (EndPage ?? StartPage)));

    /// <summary>Whether the page the reader is sent to is the cited page.</summary>
    public bool OpensAt(TruthCitation expected) =>
        SameFile(expected) && (expected.Page is not { } page || (OpenPage ?? StartPage) == page);

    /// <summary>Every page shown, as "file#page" (a source without pages counts as one).</summary>
    public IEnumerable<string> Pages() =>
        StartPage is { } first
            ? Enumerable.Range(first, Math.Max(0, (EndPage ?? first) - first) + 1).Select(p => $"{SourceName}#{p}")
            : [SourceName];

    private bool SameFile(TruthCitation expected) => string.Equals(expected.File, SourceName, StringComparison.OrdinalIgnoreCase);
}
