using System.Globalization;
using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Caching;

/// <summary>
/// What must agree between two questions before one's answer may answer the other, whatever their embeddings
/// say: negation, quantities (numbers with the unit after them, dates), names (capitalised or all-caps words,
/// words mixing letters and digits), what is asked for (when, where, who, why, how much …; "what" and a bare "how"
/// are open, so they never disagree), and the content words themselves.
/// </summary>
public sealed record QuestionFeatures(
    bool Negated, IReadOnlySet<string> Asks, IReadOnlySet<string> Quantities, IReadOnlySet<string> Units, IReadOnlySet<string> Names, IReadOnlySet<string> Words, IReadOnlySet<string> ContentWords)
{
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "without", "cannot", "can't", "none", "nobody", "nothing", "neither", "nor", "nowhere",
        "except", "excluding", "unless", "isn't", "aren't", "don't", "doesn't", "didn't", "won't", "wouldn't",
        "shouldn't", "couldn't", "mustn't", "wasn't", "weren't", "haven't", "hasn't", "hadn't", "needn't",
    };

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["zero"] = "0",
        ["one"] = "1",
        ["two"] = "2",
        ["three"] = "3",
        ["four"] = "4",
        ["five"] = "5",
        ["six"] = "6",
        ["seven"] = "7",
        ["eight"] = "8",
        ["nine"] = "9",
        ["ten"] = "10",
        ["eleven"] = "11",
        ["twelve"] = "12",
        ["fifteen"] = "15",
        ["twenty"] = "20",
        ["thirty"] = "30",
        ["forty"] = "40",
        ["fifty"] = "50",
        ["hundred"] = "100",
        ["first"] = "1st",
        ["second"] = "2nd",
        ["third"] = "3rd",
        ["fourth"] = "4th",
        ["fifth"] = "5th",
        ["half"] = "0.5",
        ["quarter"] = "0.25",
        ["double"] = "x2",
        ["twice"] = "x2",
    };

    private static readonly HashSet<string> Dates = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
        "tomorrow", "weekend", "weekday", "q1", "q2", "q3", "q4",
    };

    /// <summary>Words that name the question's form, not its subject: a paraphrase may add or swap them freely.</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "way", "procedure", "process", "step", "steps", "need", "want", "allow", "allowed", "able", "possible", "explain",
        "describe", "give", "show", "say", "mean", "happen", "work", "exactly", "actually", "really", "right",
        "currently", "current", "get", "go", "going", "let", "lets", "like", "rule", "rules", "policy", "option", "options",
        "anyone", "someone", "somebody", "employee", "employees", "staff", "people", "person", "one", "thing", "things",
        "info", "information", "details", "detail", "kind", "sort", "type", "long", "often", "much", "does", "do",
        "make", "take", "use", "using", "used", "have", "has", "had", "okay", "ok", "fine", "there", "available",
        "entitled", "eligible", "receive", "supposed", "required", "require", "requirement", "requirements", "tell",
        "know", "learn", "apply", "applies", "happens", "cover", "covers", "covered", "coverage", "held", "hold", "place",
    };

    private static readonly HashSet<string> AskWords = new(StringComparer.Ordinal) { "when", "where", "who", "whom", "whose", "why" };

    private static readonly HashSet<string> HowWords = new(StringComparer.Ordinal) { "much", "many", "long", "often", "far", "old", "soon" };

    public static QuestionFeatures Of(string question)
    {
        var tokens = Tokens(question);
        var negated = false;
        var asks = new HashSet<string>(StringComparer.Ordinal);
        var quantities = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var units = new HashSet<string>(StringComparer.Ordinal);
        var words = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var raw = Possessive(tokens[i]);
            var word = raw.ToLowerInvariant();
            words.Add(word);
            words.Add(Singular(word));
            negated |= Negations.Contains(word) || word.EndsWith("n't", StringComparison.Ordinal);
            if (AskWords.Contains(word))
            {
                asks.Add(word == "whom" ? "who" : word);
            }
            else if (word == "how" && i + 1 < tokens.Count && HowWords.Contains(tokens[i + 1].ToLowerInvariant()))
            {
                asks.Add("how " + tokens[i + 1].ToLowerInvariant());
            }

            if (Quantity(word) is { } number)
            {
                quantities.Add(number);
                // The word after a number is its unit ("5 days"): the other question must say it too.
                if (i + 1 < tokens.Count && tokens[i + 1].ToLowerInvariant() is var unit && Quantity(unit) is null && !TermAnalyzer.IsStopWord(unit))
                {
                    units.Add(Singular(unit));
                }
            }
            else if (Dates.Contains(word))
            {
                quantities.Add(word);
            }
            else if (IsName(raw, i) || raw.Contains('-', StringComparison.Ordinal))
            {
                names.Add(word);
            }
        }

        var content = TermAnalyzer.Terms(question).Where(t => !Fillers.Contains(t) && Quantity(t) is null && !Dates.Contains(t)).ToHashSet(StringComparer.Ordinal);
        return new QuestionFeatures(negated, asks, quantities, units, names, words, content);
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            // Keep "1,000", "2.5", "can't", "10%", "$300" and "out-of-network" whole.
            var inWord = char.IsLetterOrDigit(c) || c is '%' or '$' or '€' or '£'
                || (c is '\'' or '’' or '.' or ',' or '-' && start >= 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                tokens.Add(text[start..i].Replace('’', '\''));
                start = -1;
            }
        }

        return tokens;
    }

    /// <summary>The number a token states, normalised ("1,000" and "1000" agree; "five" is "5"), or null.</summary>
    private static string? Quantity(string word)
    {
        if (NumberWords.TryGetValue(word, out var spelled))
        {
            return spelled;
        }

        if (!word.Any(char.IsDigit))
        {
            return null;
        }

        var bare = word.Trim('$', '€', '£', '%').Replace(",", string.Empty, StringComparison.Ordinal);
        return decimal.TryParse(bare, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value.ToString(CultureInfo.InvariantCulture) + (word.EndsWith('%') ? " %" : string.Empty)
            : word; // "401k", "q3", "2nd": letters and digits together name one thing.
    }

    /// <summary>Capitalised after the first word, all-caps, or mixed case ("iPhone"): a name, a product, a plan. Hyphenated compounds ("out-of-network") count too.</summary>
    private static bool IsName(string raw, int position) =>
        raw.Length > 1 && char.IsLetter(raw[0]) && !IsPronounI(raw)
        && ((position > 0 && char.IsUpper(raw[0])) || raw.Skip(1).Any(char.IsUpper));

    private static bool IsPronounI(string raw) => raw is "I" or "I'm" or "I've" or "I'd" or "I'll" or "OK" or "Ok";

    private static string Possessive(string raw) =>
        raw.EndsWith("'s", StringComparison.OrdinalIgnoreCase) && raw.Length > 3 ? raw[..^2] : raw;

    private static string Singular(string word) =>
        word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word;
}
