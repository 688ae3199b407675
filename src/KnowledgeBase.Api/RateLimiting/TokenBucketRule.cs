namespace KnowledgeBase.Api.RateLimiting;

/// <summary>A token bucket: <see cref="Burst"/> tokens at most, refilled at <see cref="PerMinute"/> per minute.</summary>
public readonly record struct TokenBucketRule(int Burst, int PerMinute);
