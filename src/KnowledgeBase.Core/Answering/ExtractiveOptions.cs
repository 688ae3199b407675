namespace KnowledgeBase.Core.Answering;

/// <summary>
/// The extractive answerer's decision rules. <see cref="MinSupport"/> is calibrated on a labelled dev
/// set (docs/eval/README.md; 0.53 on docs/eval/dev, 2026-11-29): below it the best sentence does not answer the question and the answer is
/// a refusal naming the closest documents.
/// </summary>
public sealed record ExtractiveOptions(
    double MinSupport = 0.53,
    double CueBonus = 0.08,
    double KeepRatio = 0.85,
    double MinCoverageGain = 0.2,
    int MaxSentences = 1,
    int MaxListItems = 10)
{
    public static ExtractiveOptions Default { get; } = new();
}
