namespace KnowledgeBase.Cli.Evaluation;

/// <summary>The per-question results averaged, answerable and unanswerable questions apart (keys are the printed JSON's).</summary>
internal static class QaSummary
{
    public static Dictionary<string, object?> Of(IReadOnlyList<QaResult> results)
    {
        var answerable = results.Where(r => r.Answerable).ToList();
        var unanswerable = results.Where(r => !r.Answerable).ToList();
        var answered = results.Where(r => !r.Refusal).ToList();
        return new Dictionary<string, object?>
        {
            ["questions"] = results.Count,
            ["answerable"] = answerable.Count,
            ["unanswerable"] = unanswerable.Count,
            ["answerableRefused"] = Share(answerable, r => r.Refusal),
            ["unanswerableDeclined"] = Share(unanswerable, r => r.Refusal),
            ["recall@5"] = Share(answerable, r => r.PageHitAt5),
            ["recall@10"] = Share(answerable, r => r.HitRank <= 10),
            ["pageExact@5"] = Share(answerable, r => r.PageExactAt5),
            ["pagesAt5"] = Mean(answerable.Select(r => (double?)r.PagesAt5), 2),
            ["contextPrecision"] = Mean(answerable.Select(r => (double?)r.ContextPrecision)),
            ["contextRecall"] = Mean(answerable.Select(r => (double?)r.ContextRecall)),
            ["answerTokenF1"] = Mean(answerable.Select(r => (double?)r.TokenF1)),
            ["citationAccuracy"] = Mean(answerable.Select(r => r.CitationAccuracy)),
            ["faithfulness"] = Mean(answered.Select(r => r.Faithfulness)),
            ["answerRelevancy"] = Mean(answered.Where(r => r.Answerable).Select(r => r.AnswerRelevancy)),
            ["judgedFaithfulness"] = Mean(answered.Select(r => r.JudgedFaithfulness)),
            // The groundedness guardrail on the same answers: share of answers with a flagged sentence.
            ["groundingFlaggedAnswers"] = Share(answered, r => r.GroundingFlags.Count > 0),
            ["answerMsMean"] = Mean(results.Select(r => (double?)r.AnswerMs), 1),
            ["judgedCorrectness"] = Mean(answerable.Select(r => r.JudgedCorrectness)),
            // Kept for earlier reports: the share of unanswerable questions declined.
            ["refusalAccuracy"] = Share(unanswerable, r => r.Refusal),
        };
    }

    private static double? Share(List<QaResult> results, Func<QaResult, bool> predicate) =>
        results.Count == 0 ? null : Math.Round(results.Count(predicate) / (double)results.Count, 4);

    private static double? Mean(IEnumerable<double?> values, int digits = 4)
    {
        var present = values.OfType<double>().ToList();
        return present.Count == 0 ? null : Math.Round(present.Average(), digits);
    }
}
