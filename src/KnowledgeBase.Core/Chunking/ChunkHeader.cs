namespace KnowledgeBase.Core.Chunking;

/// <summary>
/// The contextual header embedded with every chunk: "title > heading path". A chunk of a benefits
/// booklet rarely names the booklet, and two near-identical booklets differ mostly by title.
/// </summary>
public static class ChunkHeader
{
    /// <summary>
    /// Names the embedded-text format; bump it when <see cref="Of"/> or what is embedded changes, so indexes
    /// built for evaluation are never reused across formats (v2: the header counts against the model's window).
    /// </summary>
    public const string Style = "hdr2";

    public static string Of(string title, string headingPath) =>
        (title.Trim(), headingPath.Trim()) switch
        {
            ("", var heading) => heading,
            (var t, "") => t,
            (var t, var heading) => $"{t} > {heading}",
        };
}
