using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Core.Grounding;

namespace KnowledgeBase.Infrastructure.Grounding;

/// <summary>Settings of the sentence-support scorer shared by the extractive answerer, groundedness checks and evaluation.</summary>
public sealed class GroundingOptions
{
    public const string Section = "Grounding";

    /// <summary>Whether sentence embeddings join word overlap in the score (off: words alone, no model calls).</summary>
    public bool UseEmbeddings { get; set; } = true;

    /// <summary>How many evidence sentences (the best by word overlap) are embedded per question or claim.</summary>
    [Range(0, 200)]
    public int SentencesEmbedded { get; set; } = 8;

    /// <summary>Sentence vectors kept in memory (about 1.6 KB each), so a passage's sentences are embedded once.</summary>
    [Range(0, 1_000_000)]
    public int CacheCapacity { get; set; } = 20_000;

    /// <summary>Weight of embedding similarity against word coverage in the support score (0–1).</summary>
    [Range(0.0, 1.0)]
    public double SimilarityWeight { get; set; } = SupportCalibration.Default.SimilarityWeight;

    /// <summary>The support score from which a claim counts as supported by its sources (0–1).</summary>
    [Range(0.0, 1.0)]
    public double SupportedAt { get; set; } = SupportCalibration.Default.SupportedAt;

    public SupportCalibration Calibration => SupportCalibration.Default with { SimilarityWeight = SimilarityWeight, SupportedAt = SupportedAt };
}
