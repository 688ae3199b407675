namespace KnowledgeBase.Core.Evaluation;

/// <summary>The refusal threshold chosen on a labelled dev set, and how it does there.</summary>
public sealed record RefusalCalibration(double Threshold, double AnswerableAnswered, double UnanswerableDeclined, double BalancedAccuracy);

/// <summary>
/// Calibrates "answer only when the best sentence's support reaches T" on labelled questions: the T with the
/// best balanced accuracy (answerable answered + unanswerable declined, halved); ties go to the lower T (refusing
/// an answerable question costs the reader more than a cited non-answer they can see through).
/// </summary>
public static class RefusalThreshold
{
    public static RefusalCalibration Calibrate(IReadOnlyList<double> answerable, IReadOnlyList<double> unanswerable)
    {
        if (answerable.Count == 0 || unanswerable.Count == 0)
        {
            throw new ArgumentException("Calibration needs answerable and unanswerable questions.");
        }

        // Candidate thresholds: every observed support (answering needs support >= T), plus just above the highest.
        var candidates = answerable.Concat(unanswerable).Append(answerable.Concat(unanswerable).Max() + 1e-6).Distinct().Order();
        RefusalCalibration? best = null;
        foreach (var t in candidates)
        {
            var answered = answerable.Count(s => s >= t) / (double)answerable.Count;
            var declined = unanswerable.Count(s => s < t) / (double)unanswerable.Count;
            var balanced = (answered + declined) / 2;
            if (best is null || balanced > best.BalancedAccuracy + 1e-12)
            {
                best = new RefusalCalibration(t, answered, declined, balanced);
            }
        }

        return best!;
    }
}
