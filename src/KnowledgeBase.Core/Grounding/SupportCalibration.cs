namespace KnowledgeBase.Core.Grounding;

/// <summary>
/// How word overlap and embedding similarity combine into one support score (0–1), and the score from
/// which a claim counts as supported. Cosine similarity of all-MiniLM-L6-v2 sentence vectors is mapped
/// linearly from <see cref="SimilarityFloor"/> (unrelated text) to <see cref="SimilarityCeiling"/>
/// (a paraphrase) onto 0–1 before weighting.
/// </summary>
public sealed record SupportCalibration(
    double SimilarityWeight = 0.5,
    double SimilarityFloor = 0.2,
    double SimilarityCeiling = 0.8,
    double SupportedAt = 0.5)
{
    public static SupportCalibration Default { get; } = new();

    /// <summary>The support score: word coverage alone when no similarity was computed for the pair.</summary>
    public double Blend(double lexical, double? similarity)
    {
        if (similarity is not { } cosine)
        {
            return lexical;
        }

        var semantic = Math.Clamp((cosine - SimilarityFloor) / (SimilarityCeiling - SimilarityFloor), 0, 1);
        return ((1 - SimilarityWeight) * lexical) + (SimilarityWeight * semantic);
    }
}
