namespace KnowledgeBase.Core.Answering;

/// <summary>
/// Offline condensing: a question that leans on the conversation ("and who is eligible?", "what about
/// it…") gets the key words of the earlier questions it continues appended, so retrieval looks in the
/// same place. A question that stands on its own is searched as asked.
/// </summary>
public sealed class HeuristicQueryCondenser : IQueryCondenser
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
        var subject = new List<string>();
        foreach (var previous in earlier.Take(MaxQuestionsBack))
        {
            subject.InsertRange(0, KeyWords(previous));
            if (!IsFollowUp(previous))
            {
                break;
            }
        }

        var own = Words(question).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = subject.Where(w => !own.Contains(w)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return ValueTask.FromResult(added.Count == 0 ? question : $"{question.Trim()} {string.Join(' ', added)}");
    }

    public static bool IsFollowUp(string question)
    {
        var trimmed = question.Trim();
        var words = Words(trimmed).ToList();
        return words.Count <= ShortQuestionWords
            || words.Any(Referring.Contains)
            || Continuations.Any(c => trimmed.StartsWith(c, StringComparison.OrdinalIgnoreCase))
            || trimmed.Contains("...", StringComparison.Ordinal) || trimmed.Contains('…', StringComparison.Ordinal);
    }

    private static IEnumerable<string> KeyWords(string question) =>
        Words(question).Where(w => w.Length > 1 && !NotKeyWords.Contains(w) && !Referring.Contains(w));

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
