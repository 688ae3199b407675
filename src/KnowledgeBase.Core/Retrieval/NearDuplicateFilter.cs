namespace KnowledgeBase.Core.Retrieval;

/// <summary>
/// Keeps results in order and drops any whose vector is nearly identical (cosine ≥ threshold) to one
/// already kept: the same paragraph in two versions or two documents should not fill two of k slots.
/// </summary>
public static class NearDuplicateFilter
{
    public static IReadOnlyList<T> Apply<T>(IReadOnlyList<T> ranked, Func<T, ReadOnlyMemory<float>> vector, double threshold, int take)
    {
        var kept = new List<T>(Math.Min(take, ranked.Count));
        foreach (var candidate in ranked)
        {
            if (kept.Count == take)
            {
                break;
            }

            var v = vector(candidate);
            if (!kept.Any(k => Cosine(vector(k).Span, v.Span) >= threshold))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }
}
