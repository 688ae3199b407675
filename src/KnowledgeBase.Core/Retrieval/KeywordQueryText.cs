using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Retrieval;

/// <summary>
/// Prepares a question for full-text search. PostgreSQL's parser reads a file name such as
/// <c>Northwind_Health_Plus_Benefits_Details.pdf</c> as one "file" token that matches nothing, while the
/// document's title was indexed word by word; so file names and snake_case words are split into their words.
/// </summary>
public static partial class KeywordQueryText
{
    public static string Prepare(string question) =>
        Joiners().Replace(FileExtension().Replace(question, string.Empty), " ");

    // Only extensions of formats we ingest, and only right after a word, so "e.g." or "v1.2" stay as they are.
    [GeneratedRegex(@"(?<=\w)\.(?:pdf|docx|md|markdown|html?|txt|csv|jsonl?|ndjson)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileExtension();

    [GeneratedRegex(@"(?<=\w)[_/\\]+(?=\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Joiners();
}
