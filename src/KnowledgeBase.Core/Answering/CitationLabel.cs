namespace KnowledgeBase.Core.Answering;

/// <summary>How a terminal (or any plain-text client) names a source: "[1] PerksPlus.pdf p. 3 (pp. 1–4)".</summary>
public static class CitationLabel
{
    public static string Line(Citation c)
    {
        var open = c.Page ?? c.StartPage;
        var span = c.StartPage is { } start && c.EndPage is { } end && end > start ? $"pp. {start}–{end}" : null;
        var where = open is { } page
            ? span is null || (c.StartPage == page && c.EndPage == page) ? $" p. {page}" : $" p. {page} ({span})"
            : c.HeadingPath is { Length: > 0 } section ? $" § {section}" : string.Empty;
        return $"[{c.Number}] {c.SourceName}{where}";
    }
}
