using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Retrieval;

/// <summary>
/// Narrows a passage to the page(s) of its best sentence: a passage of a paged document keeps only the text
/// on the page where that sentence is, plus one neighbouring page: the page of <c>runnerUp</c> (the best
/// sentence on another page, when it answers nearly as well) if that page is next to it, else the page before
/// (or after) when the sentence sits within <c>margin</c> (a share of the page's text in the passage) of that
/// page break, since the section it belongs to likely starts (or goes on) there. Each source shown is then a
/// page or two, not a span of four. Passages without pages are returned unchanged.
/// </summary>
public static class PassageFocus
{
    public static RetrievedChunk OnPagesOf(RetrievedChunk passage, TextRange focus, double margin, TextRange? runnerUp = null)
    {
        if (passage.PageStarts is not { Count: > 1 } starts)
        {
            return passage;
        }

        var pages = Pages(starts, passage.Text.Length);
        var first = pages.FindIndex(p => p.Start <= focus.Start && focus.Start < p.End);
        var last = pages.FindIndex(p => p.Start < focus.End && focus.End <= p.End);
        if (first < 0 || last < first)
        {
            return passage;
        }

        var own = pages[first];
        var neighbour = runnerUp is { } other ? pages.FindIndex(p => p.Start <= other.Start && other.Start < p.End) : -1;
        if (neighbour == first - 1 && neighbour >= 0 && last == first)
        {
            first = neighbour;
        }
        else if (neighbour == last + 1 && last == first)
        {
            last = neighbour;
        }
        else if (margin > 0 && first > 0 && focus.Start - own.Start <= margin * (own.End - own.Start))
        {
            first--;
        }
        else if (margin > 0 && last < pages.Count - 1 && pages[last].End - focus.End <= margin * (pages[last].End - pages[last].Start))
        {
            last++;
        }

        var from = pages[first].Start;
        var to = pages[last].End;
        if (from == 0 && to == passage.Text.Length)
        {
            return passage;
        }

        var text = passage.Text[from..to].TrimEnd();
        return passage with
        {
            Text = text,
            StartPage = pages[first].Page,
            EndPage = pages[last].Page,
            PageStarts = pages.Skip(first).Take(last - first + 1).Select(p => new PageStart(p.Start - from, p.Page)).ToList(),
            HitPage = passage.PageOf(focus),
        };
    }

    private sealed record PageSpan(int Page, int Start, int End);

    private static List<PageSpan> Pages(IReadOnlyList<PageStart> starts, int length) =>
        starts.Select((s, i) => new PageSpan(s.Page, s.Offset, i + 1 < starts.Count ? starts[i + 1].Offset : length)).ToList();
}
