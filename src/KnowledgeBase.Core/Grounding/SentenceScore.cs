namespace KnowledgeBase.Core.Grounding;

/// <summary>
/// How well one evidence sentence supports a claim or answers a question: word coverage (0–1), cosine
/// similarity of the two sentence embeddings (null when not computed: only the sentences the words
/// put forward are embedded) and their blend.
/// </summary>
public sealed record SentenceScore(EvidenceSentence Sentence, double Lexical, double? Similarity, double Score);
