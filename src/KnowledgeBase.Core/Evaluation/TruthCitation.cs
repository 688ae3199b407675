namespace KnowledgeBase.Core.Evaluation;

/// <summary>A source cited inline by a ground-truth answer: <c>[File.pdf#page=12]</c>, or <c>[File.pdf]</c> without a page.</summary>
public sealed record TruthCitation(string File, int? Page);
