namespace KnowledgeBase.Core.Chunking;

/// <summary>Where a page begins inside a chunk's or passage's text (character offset), so a sentence's page is exact.</summary>
public readonly record struct PageStart(int Offset, int Page);

public static class PageStarts
{
    /// <summary>The page holding the character at <paramref name="offset"/>, or null when the text has no pages.</summary>
    public static int? PageAt(IReadOnlyList<PageStart> starts, int offset)
    {
        int? page = null;
        foreach (var start in starts)
        {
            if (start.Offset > offset)
            {
                break;
            }

            page = start.Page;
        }

        return page ?? (starts.Count > 0 ? starts[0].Page : null);
    }

    /// <summary>Flattened as offset, page, offset, page… (how the database column stores them).</summary>
    public static int[] Flatten(IReadOnlyList<PageStart> starts) => starts.SelectMany(s => new[] { s.Offset, s.Page }).ToArray();

    public static IReadOnlyList<PageStart> Unflatten(int[]? flat) =>
        flat is null ? [] : Enumerable.Range(0, flat.Length / 2).Select(i => new PageStart(flat[2 * i], flat[(2 * i) + 1])).ToList();

    /// <summary>
    /// The starts of a text whose pages are unknown inside it: its first page from offset 0 (older chunks,
    /// stored before page starts were recorded).
    /// </summary>
    public static IReadOnlyList<PageStart> Whole(int? startPage) => startPage is { } page ? [new PageStart(0, page)] : [];
}
