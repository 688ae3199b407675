using KnowledgeBase.Core.Retrieval;

namespace KnowledgeBase.Infrastructure.Caching;

/// <summary>Where an answer is cached: the scope key, the question as asked (or condensed) and its normalised hash.</summary>
public sealed record CacheKey(string Scope, string Question, string QuestionHash, AccessScope Access, DateTimeOffset AskedAt);
