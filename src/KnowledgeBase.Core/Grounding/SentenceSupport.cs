using KnowledgeBase.Core.Text;

namespace KnowledgeBase.Core.Grounding;

/// <summary>
/// The pure half of the sentence-support scorer: word coverage for every evidence sentence, which
/// sentences deserve an embedding (the expensive half, done by the caller), and the blend of both into
/// per-sentence scores and a verdict on a claim.
/// </summary>
public static class SentenceSupport
{
    /// <summary>
    /// Word coverage of <paramref name="text"/>'s terms by each evidence sentence (and its pair with the next one).
    /// A question's misspelt terms are matched to the evidence's words (<paramref name="tolerateTypos"/>); a claim's are not.
    /// </summary>
    public static double[] Lexical(string text, Evidence evidence, bool tolerateTypos = false)
    {
        var terms = TermAnalyzer.Terms(text).Distinct(StringComparer.Ordinal).ToList();
        return LexicalSupport.Score(tolerateTypos ? evidence.Correct(terms) : terms, evidence, withNextSentence: true);
    }

    /// <summary>
    /// The sentences worth embedding: the <paramref name="budget"/> with the best word coverage (earlier
    /// first on ties), or every sentence when there are no more than that.
    /// </summary>
    public static IReadOnlyList<int> Shortlist(double[] lexical, int budget)
    {
        if (lexical.Length <= budget)
        {
            return Enumerable.Range(0, lexical.Length).ToList();
        }

        return Enumerable.Range(0, lexical.Length)
            .OrderByDescending(i => lexical[i])
            .ThenBy(i => i)
            .Take(budget)
            .ToList();
    }

    /// <summary>Every evidence sentence's score; <paramref name="similarity"/> gives the cosine where one was computed.</summary>
    public static IReadOnlyList<SentenceScore> Score(
        Evidence evidence, double[] lexical, IReadOnlyDictionary<int, double> similarity, SupportCalibration calibration)
    {
        var scores = new SentenceScore[evidence.Sentences.Count];
        foreach (var sentence in evidence.Sentences)
        {
            double? cosine = similarity.TryGetValue(sentence.Index, out var c) ? c : null;
            scores[sentence.Index] = new SentenceScore(sentence, lexical[sentence.Index], cosine, calibration.Blend(lexical[sentence.Index], cosine));
        }

        return scores;
    }

    /// <summary>
    /// The verdict on a claim when its words alone settle it, whatever the embedding model would say: unsupported
    /// when it states a number no evidence sentence holds; supported when a sentence covers its words so well that
    /// even a zero similarity keeps the blended score at the threshold. Null when only the model can tell.
    /// </summary>
    public static bool? VerdictByWords(string claim, Evidence evidence, double[] lexical, SupportCalibration calibration)
    {
        if (MissingNumbers(claim, evidence).Any())
        {
            return false;
        }

        // The lowest a cosine can be: the blend's floor for the best-covered sentence, embedded or not.
        var best = lexical.Length == 0 ? 0 : lexical.Max();
        return calibration.Blend(best, -1) >= calibration.SupportedAt ? true : null;
    }

    /// <summary>
    /// The verdict on a claim: its best-supporting sentence's score, and every number the claim states
    /// that no evidence sentence holds (a wrong amount is unsupported whatever the words).
    /// </summary>
    public static ClaimSupport Judge(string claim, Evidence evidence, IReadOnlyList<SentenceScore> scores, SupportCalibration calibration)
    {
        var best = scores.Count == 0 ? null : scores.MaxBy(s => s.Score);
        var missing = MissingNumbers(claim, evidence).Order(StringComparer.Ordinal).ToList();
        var score = best?.Score ?? 0;
        return new ClaimSupport(claim, score, best?.Lexical ?? 0, best?.Similarity, best?.Sentence, missing,
            score >= calibration.SupportedAt && missing.Count == 0);
    }

    private static IEnumerable<string> MissingNumbers(string claim, Evidence evidence) =>
        NumberMentions.In(claim).Where(n => !evidence.Sentences.Any(s => s.Numbers.Contains(n)));
}
