using System.Text.RegularExpressions;

namespace KnowledgeBase.Core.Answering;

/// <summary>What kind of answer a question asks for, read from its wording.</summary>
public enum AnswerKind
{
    Any,

    /// <summary>How much / how many / cost / limit: an amount or a number.</summary>
    Quantity,

    /// <summary>When / by when / how long / how often / deadline: a date, a period or a time.</summary>
    Time,

    /// <summary>Who / whom / whose / which team: a person, role or department.</summary>
    Person,

    /// <summary>Can I / may I / am I allowed / is X covered / eligible: a statement of permission or coverage.</summary>
    Permission,
}

/// <summary>
/// Answer-type cues: a question's <see cref="AnswerKind"/> and whether a sentence has the shape of that kind
/// of answer (an amount for "how much", a date for "when", a role for "who", a rule for "can I").
/// </summary>
public static partial class AnswerType
{
    public static AnswerKind Of(string question)
    {
        var q = question.Trim();
        return Quantity().IsMatch(q) ? AnswerKind.Quantity
            : Time().IsMatch(q) ? AnswerKind.Time
            : Person().IsMatch(q) ? AnswerKind.Person
            : Permission().IsMatch(q) ? AnswerKind.Permission
            : AnswerKind.Any;
    }

    /// <summary>
    /// What a "how many" question counts ("How many paid sick days…" → "day"), singular, or null: a number
    /// answers it only when it counts that ("12 visits"), not any amount in the sentence ("$25 per visit").
    /// </summary>
    public static string? CountedNoun(string question)
    {
        var match = HowMany().Match(question);
        if (!match.Success)
        {
            return null;
        }

        var noun = match.Groups["words"].Captures.Select(c => c.Value.ToLowerInvariant()).TakeWhile(w => !NotPartOfTheNoun.Contains(w)).LastOrDefault();
        return noun is null ? null : noun.Length > 3 && noun.EndsWith('s') && !noun.EndsWith("ss", StringComparison.Ordinal) ? noun[..^1] : noun;
    }

    /// <summary>A number counting <paramref name="noun"/> ("12 visits", "four weeks of vacation").</summary>
    public static Regex CountOf(string noun) =>
        new(NumberThenWords + Regex.Escape(noun), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Whether <paramref name="sentence"/> has the shape of a <paramref name="kind"/> answer; with <paramref name="count"/>, a count of what the question counts.</summary>
    public static bool Fits(AnswerKind kind, string sentence, Regex? count) =>
        count is null ? Fits(kind, sentence) : count.IsMatch(sentence);

    /// <summary>Whether <paramref name="sentence"/> has the shape of a <paramref name="kind"/> answer.</summary>
    public static bool Fits(AnswerKind kind, string sentence) => kind switch
    {
        AnswerKind.Quantity => HasAmount().IsMatch(sentence),
        AnswerKind.Time => HasTime().IsMatch(sentence),
        AnswerKind.Person => HasPerson().IsMatch(sentence),
        AnswerKind.Permission => HasRule().IsMatch(sentence),
        _ => false,
    };

    // A number (digits or a small number word, not a price: "$25 per visit" prices a visit, it does not count
    // visits), then at most three words, none of them "per", before the counted noun.
    private const string NumberThenWords = @"(?<![$€£¥]\s?)\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)\s+(?:(?!per\b)[\w-]+\s+){0,3}?";

    // Words after "how many" that end the counted noun phrase: verbs, prepositions, pronouns.
    private static readonly HashSet<string> NotPartOfTheNoun = new(StringComparer.Ordinal)
    {
        "do", "does", "did", "is", "are", "was", "were", "can", "could", "will", "would", "should", "may", "might", "must", "shall",
        "of", "per", "in", "for", "at", "on", "under", "with", "from", "to", "a", "an", "the", "i", "we", "you", "they", "he", "she",
        "work", "get", "gets", "have", "has", "take", "takes", "need", "needs", "cover", "covers", "there",
    };

    [GeneratedRegex(@"\bhow many\s+(?:(?<words>[\w-]+)\s*){1,4}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HowMany();

    [GeneratedRegex(@"\bhow (much|many|far|big|large|high)\b|\b(cost|costs|price|amount|limit|allowance|maximum|minimum|percent|percentage|rate|fee|fees|deductible|copay|copayment|reimburse\w*|budget)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();

    [GeneratedRegex(@"^(when|by when|until when|what time|what date)\b|\b(deadline|due date|how soon|how long|how often|by what date|which day)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Time();

    [GeneratedRegex(@"^(who|whom|whose)\b|\b(who (approves|decides|is responsible|should|do|does|can|must|to contact)|which (team|department|person|role|manager))\b|\bwhom?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Person();

    [GeneratedRegex(@"^(can|may|am|is|are|do|does|will)\s+(i|we|you|employees?|staff|it|they|my|the|a|an)\b|\b(allowed|permitted|eligible|eligibility|covered|cover|entitled)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Permission();

    [GeneratedRegex(@"[$€£¥]\s?\d|\d\s?(%|percent|eur|euros?|usd|dollars?)\b|\b\d[\d,.]*\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HasAmount();

    [GeneratedRegex(@"\b(january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(19|20)\d\d\b|\b\d+\s*(days?|weeks?|months?|years?|hours?|business days)\b|\b(within|before|after|by the end of|no later than|annually|monthly|weekly|each year|per year|deadline)\b|\d{1,2}:\d\d", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HasTime();

    // Role words in any case; a personal name as two capitalised words, unless the second names a document
    // or a programme ("Travel Policy", "Benefits Guide"), which is where an answer is, not who gives it.
    [GeneratedRegex(@"(?i:\b(manager|managers|supervisor|hr|human resources|department|officer|team|director|head of|administrator|committee|representative|lead|owner|approv\w*|responsible|contact|ceo|cfo|cto|coo|vice president|board)\b)|\b[A-Z][a-z]+ (?!(?:Policy|Policies|Guide|Handbook|Portal|Plan|Program|Programme|Report|Overview|Details|Options|Benefits|Library|Academy)\b)[A-Z][a-z]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex HasPerson();

    [GeneratedRegex(@"\b(can|cannot|can't|may|must|must not|not|allowed|permitted|eligible|required|prohibited|only|covered|covers|not covered|excluded|entitled|approval)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HasRule();
}
