using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Retrieval;

/// <summary>
/// Narrows a passage to the page(s) of its best sentence: a passage of a paged document keeps only the text
/// on the pages where that sentence is, so each source shown is a page (rarely two), not a span of three or
/// four. Passages without pages are returned unchanged.
/// </summary>
public static class PassageFocus
{
    public static RetrievedChunk OnPagesOf(RetrievedChunk passage, TextRange focus)
    {
        if (passage.PageStarts is not { Count: > 1 } starts)
        {
            return passage;
        }

        var first = PageStarts.PageAt(starts, focus.Start);
        var last = PageStarts.PageAt(starts, Math.Max(focus.Start, focus.End - 1));
        var from = starts.Where(s => s.Page == first).Select(s => s.Offset).DefaultIfEmpty(0).Min();
        var to = starts.Where(s => s.Offset > focus.Start && s.Page > last).Select(s => s.Offset).DefaultIfEmpty(passage.Text.Length).Min();
        if (from == 0 && to == passage.Text.Length)
        {
            return passage;
        }

        var text = passage.Text[from..to].TrimEnd();
        var kept = starts.Where(s => s.Offset >= from && s.Offset < from + text.Length).Select(s => new PageStart(s.Offset - from, s.Page)).ToList();
        return passage with
        {
            Text = text,
            StartPage = first,
            EndPage = last,
            PageStarts = kept,
            HitPage = first,
        };
    }
}
