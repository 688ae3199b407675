namespace KnowledgeBase.Core.Evaluation;

/// <summary>
/// Page-level retrieval metrics of one question over the sources shown (ranked), against the pages its
/// ground truth cites. Context precision and recall follow RAGAS with "relevant" meaning "holds a cited page".
/// </summary>
public static class ContextMetrics
{
    /// <summary>Whether any source shows a cited page.</summary>
    public static bool PageHit(IReadOnlyList<TruthCitation> expected, IEnumerable<PageSpan> ranked) =>
        ranked.Any(s => expected.Any(s.Covers));

    /// <summary>Whether any source sends the reader to a cited page (page-exact).</summary>
    public static bool PageExact(IReadOnlyList<TruthCitation> expected, IEnumerable<PageSpan> ranked) =>
        ranked.Any(s => expected.Any(s.OpensAt));

    /// <summary>How many distinct pages the sources show together.</summary>
    public static int DistinctPages(IEnumerable<PageSpan> ranked) =>
        ranked.SelectMany(s => s.Pages()).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    /// <summary>
    /// RAGAS context precision: the mean of precision@k over the ranks k that hold a relevant source
    /// (relevant sources ranked first score 1; none relevant scores 0).
    /// </summary>
    public static double Precision(IReadOnlyList<TruthCitation> expected, IReadOnlyList<PageSpan> ranked)
    {
        double sum = 0;
        var relevant = 0;
        for (var k = 0; k < ranked.Count; k++)
        {
            if (expected.Any(ranked[k].Covers))
            {
                relevant++;
                sum += relevant / (double)(k + 1);
            }
        }

        return relevant == 0 ? 0 : sum / relevant;
    }

    /// <summary>RAGAS context recall over cited pages: the share of the truth's citations some source shows.</summary>
    public static double Recall(IReadOnlyList<TruthCitation> expected, IReadOnlyList<PageSpan> ranked) =>
        expected.Count == 0 ? 0 : expected.Count(e => ranked.Any(s => s.Covers(e))) / (double)expected.Count;
}
