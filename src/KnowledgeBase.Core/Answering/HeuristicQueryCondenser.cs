namespace KnowledgeBase.Core.Answering;

/// <summary>
/// Offline condensing: a question that leans on the conversation ("and who approves it?", "what about
/// interns?") carries the topic of the question it continues: that question's noun phrases and names
/// ("business travel", "FlexFit allowance"), not its verbs. A pronoun standing for the topic is replaced by
/// it ("and who approves business travel?"); otherwise the topic is appended. A question that stands on
/// its own is searched as asked.
/// </summary>
public sealed partial class HeuristicQueryCondenser : IQueryCondenser
{
    /// <summary>Questions this short rarely name their subject.</summary>
    private const int ShortQuestionWords = 5;

    /// <summary>How far back a chain of follow-ups is followed to find its subject.</summary>
    private const int MaxQuestionsBack = 3;

    private static readonly HashSet<string> Referring = new(StringComparer.OrdinalIgnoreCase)
    {
        "it", "its", "it's", "they", "them", "their", "theirs", "this", "that", "these", "those", "there", "he", "she",
        "him", "her", "his", "hers", "one", "ones", "same", "above", "former", "latter",
    };

    private static readonly string[] Continuations = ["and ", "what about", "how about", "also ", "but ", "or ", "so ", "then ", "else"];

    private static readonly HashSet<string> NotKeyWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "so", "of", "to", "in", "on", "at", "for", "from", "by", "with", "about",
        "is", "are", "was", "were", "be", "been", "do", "does", "did", "can", "could", "should", "would", "will", "may",
        "might", "must", "have", "has", "had", "how", "what", "when", "where", "which", "who", "whom", "why", "much",
        "many", "long", "often", "i", "me", "my", "we", "our", "you", "your", "please", "tell", "know", "there", "any",
        "some", "get", "also", "else", "then", "not", "no", "yes", "if", "than", "as", "into", "up", "out", "over",
    };

    public ValueTask<string> CondenseAsync(string question, IReadOnlyList<ChatTurn> history, CancellationToken cancellationToken)
    {
        var earlier = history.Where(t => t.Role == ChatTurnRole.User).Select(t => t.Text).Reverse().ToList();
        if (earlier.Count == 0 || !IsFollowUp(question))
        {
            return ValueTask.FromResult(question);
        }

        // Walk back through a chain of follow-ups until a question that named its subject.
        var topic = new List<string>();
        foreach (var previous in earlier.Take(MaxQuestionsBack))
        {
            topic.InsertRange(0, TopicPhrases(previous));
            if (!IsFollowUp(previous))
            {
                break;
            }
        }

        var own = Words(question).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var phrases = topic
            .Select(p => string.Join(' ', Words(p).Where(w => !own.Contains(w))))
            .Where(p => p.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (phrases.Count == 0)
        {
            return ValueTask.FromResult(question);
        }

        var trimmed = question.Trim();
        var pronoun = Pronoun().Match(trimmed);
        if (pronoun.Success)
        {
            // "and who approves it?" → "and who approves business travel?": the main topic takes the pronoun's place.
            var resolved = trimmed[..pronoun.Index] + phrases[0] + trimmed[(pronoun.Index + pronoun.Length)..];
            return ValueTask.FromResult(phrases.Count == 1 ? resolved : $"{resolved} {string.Join(' ', phrases.Skip(1))}");
        }

        return ValueTask.FromResult($"{trimmed} {string.Join(' ', phrases)}");
    }

    /// <summary>
    /// The topic of a question: its runs of content words (names kept whole), without question words, verbs
    /// and generic words ("How do I book business travel?" → "business travel").
    /// </summary>
    public static IReadOnlyList<string> TopicPhrases(string question)
    {
        var phrases = new List<string>();
        var run = new List<string>();
        foreach (var word in Words(question))
        {
            if (NotKeyWords.Contains(word) || Referring.Contains(word) || Verbs.Contains(word) || word.Length < 2)
            {
                Flush();
                continue;
            }

            run.Add(word);
        }

        Flush();
        return phrases;

        void Flush()
        {
            // A generic word alone ("employees") is not a topic; inside a phrase ("employee discount") it is part of one.
            if (run.Count > 1 || (run.Count == 1 && !Generic.Contains(run[0])))
            {
                phrases.Add(string.Join(' ', run));
            }

            run.Clear();
        }
    }

    private static readonly HashSet<string> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "book", "booked", "submit", "submitted", "apply", "applies", "request", "requested", "claim", "claimed", "pay", "paid", "use", "used",
        "need", "needs", "find", "take", "taken", "work", "works", "approve", "approves", "approved", "include", "includes", "included",
        "offer", "offers", "offered", "provide", "provides", "provided", "want", "go", "come", "see", "make", "contact", "report", "reported",
        "expense", "reimburse", "reimbursed", "allowed", "required", "count", "counts", "start", "end", "happen", "happens", "mean", "means",
        "explain", "help", "save", "choose", "set", "cover", "covers", "covered", "apply", "receive", "give", "gives", "handle", "handled",
        "say", "says", "cost", "costs", "change", "cancel", "join", "leave", "bring", "send", "file", "filed", "affect", "affects", "ensure",
    };

    private static readonly HashSet<string> Generic = new(StringComparer.OrdinalIgnoreCase)
    {
        "employee", "employees", "staff", "people", "person", "someone", "anyone", "company", "thing", "things", "way", "ways",
        "kind", "type", "types", "lot", "information", "details", "policy", "rules",
    };

    // The first pronoun that can stand for the topic: "it"/"them" always; "this"/"that"/"these"/"those" unless a noun
    // follows ("this year"), which a verb after them ("does that apply") does not count as.
    [System.Text.RegularExpressions.GeneratedRegex(
        @"\b(?:it|them)\b|\b(?:this|that|these|those)\b(?!\s+(?!(?:is|are|was|were|does|do|cover|covers|apply|applies|include|includes|mean|means|work|works)\b)[a-z]{3,})",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Pronoun();

    public static bool IsFollowUp(string question)
    {
        var trimmed = question.Trim();
        var words = Words(trimmed).ToList();
        return words.Count <= ShortQuestionWords
            || words.Any(Referring.Contains)
            || Continuations.Any(c => trimmed.StartsWith(c, StringComparison.OrdinalIgnoreCase))
            || trimmed.Contains("...", StringComparison.Ordinal) || trimmed.Contains('…', StringComparison.Ordinal);
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '\'' or '-');
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..i].Trim('\'', '-');
                start = -1;
                if (word.Length > 0)
                {
                    yield return word;
                }
            }
        }
    }
}
