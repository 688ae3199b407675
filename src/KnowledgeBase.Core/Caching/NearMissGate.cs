namespace KnowledgeBase.Core.Caching;

/// <summary>
/// The check after the similarity threshold: a cached question close in embedding space is still a different
/// question when it differs in negation, a quantity or date, a name, or (with <see cref="ContentWords"/>) a
/// content word swapped for another (dental plan / vision plan). Embeddings score such pairs 0.9 and above.
/// Words are compared in both directions; a name in one question must appear (in any case) in the other.
/// </summary>
public sealed record NearMissGate(bool Negations = true, bool Numbers = true, bool Names = true, bool ContentWords = true)
{
    public static NearMissGate Default { get; } = new();

    public GateRejection Check(string cached, string asked) => Check(QuestionFeatures.Of(cached), QuestionFeatures.Of(asked));

    public GateRejection Check(QuestionFeatures cached, QuestionFeatures asked)
    {
        if (Negations && cached.Negated != asked.Negated)
        {
            return GateRejection.Negation;
        }

        if (Numbers && !cached.Quantities.SetEquals(asked.Quantities))
        {
            return GateRejection.Number;
        }

        if (Names && (!cached.Names.IsSubsetOf(asked.Words) || !asked.Names.IsSubsetOf(cached.Words)))
        {
            return GateRejection.Entity;
        }

        // A paraphrase may add or drop words; swapping one subject word for another changes the question.
        if (ContentWords && cached.ContentWords.Except(asked.ContentWords).Any() && asked.ContentWords.Except(cached.ContentWords).Any())
        {
            return GateRejection.ContentWord;
        }

        return GateRejection.None;
    }
}
