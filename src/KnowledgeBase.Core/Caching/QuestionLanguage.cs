namespace KnowledgeBase.Core.Caching;

/// <summary>
/// A coarse language tag for the cache scope, so an answer written in one language never answers a question
/// asked in another: the script, and for Latin script the language whose common words the question uses most.
/// </summary>
public static class QuestionLanguage
{
    private static readonly (string Language, HashSet<string> Words)[] Latin =
    [
        ("en", ["the", "is", "are", "what", "how", "do", "does", "i", "my", "can", "of", "for", "to", "and", "many", "much", "when", "who", "which", "where", "why"]),
        ("de", ["der", "die", "das", "ist", "sind", "wie", "was", "ich", "mein", "kann", "und", "für", "viele", "wann", "wer", "welche", "wo", "warum", "nicht"]),
        ("fr", ["le", "la", "les", "est", "sont", "comment", "quel", "quelle", "je", "mon", "puis", "et", "pour", "combien", "quand", "qui", "où", "pourquoi", "pas"]),
        ("es", ["el", "los", "las", "es", "son", "cómo", "qué", "yo", "mi", "puedo", "y", "para", "cuántos", "cuándo", "quién", "dónde", "por", "no"]),
        ("nl", ["de", "het", "is", "zijn", "hoe", "wat", "ik", "mijn", "kan", "en", "voor", "hoeveel", "wanneer", "wie", "waar", "waarom", "niet"]),
    ];

    public static string Of(string question)
    {
        foreach (var c in question)
        {
            if (!char.IsLetter(c) || c < 'ʰ')
            {
                continue;
            }

            return c switch
            {
                >= '\u0370' and <= '\u03FF' => "el",
                >= '\u0400' and <= '\u04FF' => "cyrl",
                >= '\u0590' and <= '\u05FF' => "he",
                >= '\u0600' and <= '\u06FF' => "ar",
                >= '\u3040' and <= '\u30FF' => "ja",
                >= '\uAC00' and <= '\uD7AF' => "ko",
                >= '\u4E00' and <= '\u9FFF' => "zh",
                _ => "other",
            };
        }

        var words = question.ToLowerInvariant().Split([' ', '?', '!', '.', ',', ';', ':', '"', '\''], StringSplitOptions.RemoveEmptyEntries);
        var best = Latin[0].Language;
        var bestCount = 0;
        foreach (var (language, common) in Latin)
        {
            var count = words.Count(common.Contains);
            if (count > bestCount)
            {
                (best, bestCount) = (language, count);
            }
        }

        return best;
    }
}
