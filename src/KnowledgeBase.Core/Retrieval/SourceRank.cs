namespace KnowledgeBase.Core.Retrieval;

/// <summary>
/// A retrieved passage's score when re-ranking by its best sentence: the retrieval rank as a prior (1 for the
/// first, falling linearly to 1/n for the last of n) plus <c>weight</c> times the best sentence's answer score.
/// Weight 0 keeps the retrieval order.
/// </summary>
public static class SourceRank
{
    public static double Score(int rank, int count, double bestSentence, double weight) =>
        (1 - (rank / (double)Math.Max(1, count))) + (weight * Math.Max(0, bestSentence));
}
