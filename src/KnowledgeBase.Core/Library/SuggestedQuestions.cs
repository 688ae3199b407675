using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Library;

/// <summary>One passage of a document as suggestions read it: its heading path ("A > B") and text.</summary>
public sealed record SuggestionPassage(string HeadingPath, string Text);

/// <summary>A readable document with its first passages, in the order the documents should be suggested from.</summary>
public sealed record SuggestionSource(Guid DocumentId, string Title, IReadOnlyList<SuggestionPassage> Passages);

public sealed record SuggestedQuestion(string Question, Guid DocumentId, string Title);

/// <summary>
/// Questions a reader could ask, drawn from documents they can read: questions the documents ask
/// themselves (FAQs: "Q: When is salary paid?"), else "What does the … say about …?" from a section
/// heading. Deterministic; taken round-robin across documents so one long FAQ does not fill the list.
/// </summary>
public static partial class SuggestedQuestions
{
    public const int DefaultCount = 4;

    private const int MinHeadingLength = 3;
    private const int MaxHeadingLength = 60;

    // Sections every document has and nobody asks about.
    private static readonly HashSet<string> Boilerplate = new(StringComparer.OrdinalIgnoreCase)
    {
        "welcome", "introduction", "intro", "overview", "purpose", "scope", "purpose and scope", "contents", "table of contents",
        "contact", "contacts", "appendix", "references", "summary", "about", "about this document", "document history",
        "revision history", "change log", "changelog", "glossary", "definitions", "index", "foreword", "preface", "notes",
    };

    public static IReadOnlyList<SuggestedQuestion> Pick(IReadOnlyList<SuggestionSource> documents, int count = DefaultCount)
    {
        var candidates = documents.Select(d => Candidates(d).GetEnumerator()).ToList();
        var picked = new List<SuggestedQuestion>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (picked.Count < count && candidates.Count > 0)
        {
            for (var i = 0; i < candidates.Count && picked.Count < count; i++)
            {
                var next = NextUnseen(candidates[i], seen);
                if (next is null)
                {
                    candidates.RemoveAt(i--);
                    continue;
                }

                picked.Add(next);
            }
        }

        return picked;
    }

    private static SuggestedQuestion? NextUnseen(IEnumerator<SuggestedQuestion> candidates, HashSet<string> seen)
    {
        while (candidates.MoveNext())
        {
            if (seen.Add(candidates.Current.Question))
            {
                return candidates.Current;
            }
        }

        return null;
    }

    private static IEnumerable<SuggestedQuestion> Candidates(SuggestionSource document)
    {
        var title = document.Title.Trim();
        foreach (var passage in document.Passages)
        {
            foreach (Match m in AskedQuestion().Matches(passage.Text))
            {
                yield return new SuggestedQuestion(Collapse(m.Groups["q"].Value), document.DocumentId, title);
            }
        }

        var name = WithArticle(ShortTitle(title));
        foreach (var section in document.Passages.Select(p => Section(p.HeadingPath, title)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            yield return new SuggestedQuestion($"What does {name} say about {section}?", document.DocumentId, title);
        }
    }

    /// <summary>
    /// The top section a passage is in, as words to ask about: the first heading of its path that is not the
    /// document's title (or part of it) nor boilerplate; null when there is none.
    /// </summary>
    private static string? Section(string headingPath, string title)
    {
        foreach (var segment in headingPath.Split(" > ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var heading = Collapse(Numbering().Replace(segment, string.Empty)).TrimEnd(':', '.', ' ');
            if (title.Contains(heading, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            return heading.Length is < MinHeadingLength or > MaxHeadingLength || Boilerplate.Contains(heading) || heading.EndsWith('?') || !heading.Any(char.IsLetter)
                ? null
                : InSentence(heading);
        }

        return null;
    }

    /// <summary>"IT Security Policy - Lumen Robotics" → "IT Security Policy": the part before a " - " or " | " suffix.</summary>
    private static string ShortTitle(string title) =>
        TitleSuffix().Match(title) is { Success: true } m ? m.Groups["head"].Value : title;

    /// <summary>
    /// Headings are written in Title Case or sentence case; inside a question their ordinary words are lower case.
    /// Words with capitals elsewhere (FlexFit, IT, iPhone) are names and stay as they are; in a sentence-case heading
    /// only the first word is lowered, because later capitals there are names.
    /// </summary>
    private static string InSentence(string heading)
    {
        var words = heading.Split(' ');
        var titleCase = words.Where(w => w.Length > 3).All(w => char.IsUpper(w[0]));
        for (var i = 0; i < words.Length; i++)
        {
            if ((i == 0 || titleCase) && IsCapitalized(words[i]))
            {
                words[i] = words[i].ToLowerInvariant();
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>"Working", "Multi-Factor": every hyphenated part is one capital and lower-case letters.</summary>
    private static bool IsCapitalized(string word) =>
        word.Split('-').All(part => part.Length > 1 && char.IsUpper(part[0]) && part.Skip(1).All(c => !char.IsLetter(c) || char.IsLower(c)));

    private static string WithArticle(string title) =>
        Article().IsMatch(title) ? title : $"the {title}";

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    // A line that is a question (optionally "Q:"/"Q." first), starting with a question word; one sentence, 12–130 characters.
    [GeneratedRegex(@"(?:^|\n)[ \t]*(?:Q\s*[:.)\-]\s*)?(?<q>(?:What|When|Where|Who|Why|How|Which|Can|Could|Do|Does|Is|Are|Should|May|Will|Must)\b[^\n?.!]{8,125}\?)", RegexOptions.CultureInvariant)]
    private static partial Regex AskedQuestion();

    [GeneratedRegex(@"^(?:\d+(?:\.\d+)*[.)]?|[IVXLC]+\.|[A-Z]\.)\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Numbering();

    [GeneratedRegex(@"^(?:the|a|an)\s", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Article();

    [GeneratedRegex(@"^(?<head>.+?)\s+[-|\u2013\u2014]\s+\S.*$", RegexOptions.CultureInvariant)]
    private static partial Regex TitleSuffix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
