namespace KnowledgeBase.Core.Guardrails;

/// <summary>What the output rules of one answer depend on: the question, its collection (for the blocklist), the screened sources, and sentence rules built for it (groundedness).</summary>
public sealed record AnswerGuardContext(string Question, string? Collection, SourceScreening Sources, IReadOnlyList<ISentenceCheck>? SentenceChecks = null);
