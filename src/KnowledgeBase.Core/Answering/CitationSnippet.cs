namespace KnowledgeBase.Core.Answering;

public static class CitationSnippet
{
    /// <summary>The start of a passage, cut at a word boundary, for the citation list.</summary>
    public static string From(string text, int maxLength = 300)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= maxLength)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', maxLength);
        return flat[..(cut > maxLength / 2 ? cut : maxLength)] + "…";
    }
}
