namespace KnowledgeBase.Core.Grounding;

/// <summary>
/// How well a claim (an answer sentence) is supported by its evidence: the best sentence's score, that
/// sentence, and the numbers the claim states that no evidence sentence holds. <see cref="Supported"/>
/// needs the score at the calibration's threshold and no missing number.
/// </summary>
public sealed record ClaimSupport(
    string Claim,
    double Score,
    double Lexical,
    double? Similarity,
    EvidenceSentence? Best,
    IReadOnlyList<string> MissingNumbers,
    bool Supported);
