namespace KnowledgeBase.Core.Retrieval;

/// <summary>Ranked hits of one document that lie close together: one passage, led by its best hit.</summary>
public sealed class PassageGroup<T>(T lead, Guid documentId, int ordinal)
{
    public T Lead { get; } = lead;

    public Guid DocumentId { get; } = documentId;

    /// <summary>First and last chunk ordinal covered (gaps between members are filled).</summary>
    public int First { get; internal set; } = ordinal;

    public int Last { get; internal set; } = ordinal;

    public List<T> Members { get; } = [lead];
}

/// <summary>
/// Small-to-big, step one: walks ranked chunk hits and folds each hit that lies within
/// <c>maxDistance</c> chunks of an earlier, better hit of the same document into that hit's passage,
/// until <c>take</c> passages exist. Three fragments of one page then fill one result slot, not three,
/// and the slots go to distinct places in the corpus.
/// </summary>
public static class PassageGrouping
{
    public static IReadOnlyList<PassageGroup<T>> Group<T>(
        IReadOnlyList<T> ranked, Func<T, Guid> document, Func<T, int> ordinal, int take, int maxDistance, int maxChunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChunks);
        var groups = new List<PassageGroup<T>>(take);
        foreach (var hit in ranked)
        {
            var doc = document(hit);
            var at = ordinal(hit);
            var home = groups.FirstOrDefault(g => g.DocumentId == doc
                && at >= g.First - maxDistance && at <= g.Last + maxDistance
                && Math.Max(g.Last, at) - Math.Min(g.First, at) + 1 <= maxChunks);
            if (home is not null)
            {
                home.Members.Add(hit);
                home.First = Math.Min(home.First, at);
                home.Last = Math.Max(home.Last, at);
                continue;
            }

            if (groups.Count == take)
            {
                // Later hits may still join a passage already chosen, but none starts a new one.
                continue;
            }

            groups.Add(new PassageGroup<T>(hit, doc, at));
        }

        return groups;
    }
}
