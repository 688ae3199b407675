namespace KnowledgeBase.Core.Text;

/// <summary>Lower-cased content words with a light suffix stemmer; enough to match a question to sentences.</summary>
public static class TermAnalyzer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
        "during", "each", "few", "for", "from", "further", "get", "had", "has", "have", "having", "he", "her", "here",
        "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "might", "more", "most",
        "much", "must", "my", "no", "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over",
        "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were",
        "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
        "many", "may", "tell", "know", "please", "also",
        // Question verbs that ask for an answer rather than name what it is about.
        "say", "says", "explain", "describe", "mean", "means", "against", "within", "without", "per", "via", "upon",
    };

    public static IReadOnlyList<string> Terms(string text)
    {
        var terms = new List<string>();
        var span = text.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            // A comma or point between digits continues a number: "1,000" is the term "1000", "2.5" stays "2.5".
            var isWordChar = i < span.Length && (char.IsLetterOrDigit(span[i]) || span[i] == '\''
                || (span[i] is ',' or '.' && start >= 0 && i + 1 < span.Length && char.IsDigit(span[i - 1]) && char.IsDigit(span[i + 1])));
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                var word = span[start..i].ToString().ToLowerInvariant().Trim('\'').Replace(",", string.Empty, StringComparison.Ordinal);
                start = -1;
                if (word.Length > 1 && !StopWords.Contains(word))
                {
                    terms.Add(Stem(word));
                }
            }
        }

        return terms;
    }

    public static bool IsStopWord(string lowerWord) => StopWords.Contains(lowerWord);

    private static string Stem(string word)
    {
        if (word.EndsWith("'s", StringComparison.Ordinal))
        {
            word = word[..^2];
        }

        if (word.Length > 5 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 5 && word.EndsWith("ing", StringComparison.Ordinal))
        {
            return word[..^3];
        }

        if (word.Length > 4 && word.EndsWith("ed", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }
}
