namespace KnowledgeBase.Core.Answering;

/// <summary>
/// The extractive answerer's decision rules. <see cref="MinSupport"/> is calibrated on a labelled dev
/// set (docs/eval/README.md; 0.53 on docs/eval/dev, 2026-11-29): below it the best sentence does not answer the question and the answer is
/// a refusal naming the closest documents. <see cref="MaxSentences"/> 1 was chosen on the 99 Zava dev questions
/// (token-F1 0.318 with 3, 0.324 with 2, 0.342 with 1; 2026-11-29 evening): a second sentence more often adds
/// words the user did not ask about than the answer's missing half. A pronoun sentence still brings its
/// antecedent and a list item its lead-in.
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
