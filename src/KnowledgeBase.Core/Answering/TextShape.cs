using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Answering;

/// <summary>
/// The shape of a line of source text, as the extractive answerer needs it: headings and questions are
/// context, never answers; list items belong to their lead-in; table rows are read with their header.
/// </summary>
public static partial class TextShape
{
    public static bool IsListItem(string line) => ListItem().IsMatch(line);

    /// <summary>A line of table cells ("Requirement | Standard | Privileged").</summary>
    public static bool IsTableRow(string line) => line.Contains('|', StringComparison.Ordinal) && Cells(line).Count >= 2;

    /// <summary>A title or heading: short, and not ended like a sentence (a list item or table row is neither).</summary>
    public static bool IsHeading(string line)
    {
        var trimmed = line.TrimEnd();
        return trimmed.Length > 0
            && !IsListItem(trimmed) && !IsTableRow(trimmed)
            && !".!?:;)\"”’".Contains(trimmed[^1], StringComparison.Ordinal)
            && trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 10;
    }

    /// <summary>A question in the source (an FAQ entry or a heading such as "What is covered?"): its answer follows it.</summary>
    public static bool IsQuestion(string line) => line.TrimEnd().EndsWith('?');

    /// <summary>A sentence that introduces a list ("… include:", "… such as: • Gym memberships").</summary>
    public static bool IsLeadIn(string sentence)
    {
        var trimmed = sentence.TrimEnd();
        return trimmed.EndsWith(':') || InlineBullets().IsMatch(trimmed);
    }

    /// <summary>The items of a list line; one line of a PDF may hold several "•" items.</summary>
    public static IEnumerable<string> Items(string line) =>
        Bullet().Split(line).Select(i => i.Trim().TrimEnd(';', ',')).Where(i => i.Length > 0);

    /// <summary>A sentence without the "A:" an FAQ puts before its answers.</summary>
    public static string WithoutAnswerLabel(string sentence) => AnswerLabel().Replace(sentence, string.Empty, 1);

    /// <summary>
    /// A quoted sentence without the connective it opens with ("Furthermore, ", "It is important to note
    /// that "): it links the sentence to text the answer does not quote and says nothing about the question.
    /// Qualifiers that change the meaning ("In some cases", "Generally") stay.
    /// </summary>
    public static string WithoutOpener(string sentence)
    {
        var rest = Opener().Replace(sentence, string.Empty, 1);
        return rest.Length == sentence.Length || rest.Length == 0 ? sentence : char.ToUpperInvariant(rest[0]) + rest[1..];
    }

    public static IReadOnlyList<string> Cells(string row) =>
        row.Split('|').Select(c => c.Trim()).Where(c => c.Length > 0).ToList();

    /// <summary>
    /// A table row as a readable statement with its header: "Minimum password length — Standard accounts:
    /// 14 characters; Privileged accounts: 20 characters."
    /// </summary>
    public static string RowStatement(string? header, string row)
    {
        var cells = Cells(row);
        var names = header is null ? [] : Cells(header);
        if (cells.Count == 0)
        {
            return row;
        }

        var values = cells.Skip(1).Select((value, i) => i + 1 < names.Count ? $"{names[i + 1]}: {value}" : value);
        return $"{cells[0]} — {string.Join("; ", values)}.";
    }

    // "• item", "- item", "* item", "– item", "1. item", "2) item", "1.Quality" (PDFs drop the space).
    [GeneratedRegex(@"^\s*(?:[•·▪◦\-\*–]\s*\S|\d{1,2}[.)]\s*[A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*(?:A|Answer)\s*:\s+(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex AnswerLabel();

    [GeneratedRegex(@"^(?:(?:Furthermore|Additionally|Moreover|In addition|However|Also|Finally|Overall|Likewise|Similarly|For example|For instance|Remember|Please note|Of course),\s+|(?:It is|It's|It’s) (?:also )?(?:important|essential|crucial|worth noting)(?: for (?:you|employees|members))?(?: to (?:note|understand|remember|know|be aware))? that\s+|(?:Please )?(?:note|remember|keep in mind) that\s+|That(?:'s|’s) why\s+)(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex Opener();

    [GeneratedRegex(@":\s*[•·▪◦]", RegexOptions.CultureInvariant)]
    private static partial Regex InlineBullets();

    [GeneratedRegex(@"\s*[•·▪◦]\s*|^\s*[\-\*–]\s+|^\s*\d{1,2}[.)]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Bullet();
}
