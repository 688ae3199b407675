namespace KnowledgeBase.Core.Caching;

/// <summary>
/// The check after the similarity threshold: a cached question close in embedding space is still a different
/// question when it differs in negation, in what it asks for (when / where / who / why / how much …), a quantity or date, a name, or (with <see cref="ContentWords"/>) a
/// content word swapped for another (dental plan / vision plan). Embeddings score such pairs 0.9 and above.
/// Words are compared in both directions; a name in one question must appear (in any case) in the other.
/// </summary>
public sealed record NearMissGate(bool Negations = true, bool Numbers = true, bool Names = true, bool ContentWords = true, bool QuestionWords = true)
{
    public static NearMissGate Default { get; } = new();

    public GateRejection Check(string cached, string asked) => Check(QuestionFeatures.Of(cached), QuestionFeatures.Of(asked));

    public GateRejection Check(QuestionFeatures cached, QuestionFeatures asked)
    {
        if (Negations && cached.Negated != asked.Negated)
        {
            return GateRejection.Negation;
        }

        if (QuestionWords && !cached.Asks.SetEquals(asked.Asks))
        {
            return GateRejection.QuestionWord;
        }

        if (Numbers && (!cached.Quantities.SetEquals(asked.Quantities) || !cached.Units.IsSubsetOf(asked.Words) || !asked.Units.IsSubsetOf(cached.Words)))
        {
            return GateRejection.Number;
        }

        if (Names && (!cached.Names.IsSubsetOf(asked.Words) || !asked.Names.IsSubsetOf(cached.Words)))
        {
            return GateRejection.Entity;
        }

        // A paraphrase may add or drop words; swapping one subject word for another changes the question.
        if (ContentWords && Unmatched(asked.ContentWords, cached.ContentWords))
        {
            return GateRejection.ContentWord;
        }

        return GateRejection.None;
    }

    /// <summary>A word of <paramref name="these"/> with no form in <paramref name="those"/> (submit / submitted, file / filing count as one).</summary>
    private static bool Unmatched(IReadOnlySet<string> these, IReadOnlySet<string> those) =>
        these.Any(word => !those.Any(other => SameWord(word, other)));

    private static bool SameWord(string a, string b)
    {
        var (shorter, longer) = a.Length <= b.Length ? (a, b) : (b, a);
        var root = shorter.Length > 3 && shorter.EndsWith('e') ? shorter[..^1] : shorter;
        return root.Length >= 3 && longer.StartsWith(root, StringComparison.Ordinal);
    }
}
