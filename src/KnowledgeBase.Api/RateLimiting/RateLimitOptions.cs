using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Api.RateLimiting;

public enum RedisUnavailableBehavior
{
    /// <summary>Fail open: this replica's own buckets decide until Redis is back (limits become per replica).</summary>
    Allow,

    /// <summary>Fail closed: refuse with 429 and a short Retry-After until Redis is back.</summary>
    Refuse,
}

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Questions per user per minute (token bucket, refilled continuously).</summary>
    [Range(1, 100_000)]
    public int AskPerMinute { get; set; } = 30;

    /// <summary>Questions a user may ask at once before the bucket is empty.</summary>
    [Range(1, 100_000)]
    public int AskBurst { get; set; } = 10;

    /// <summary>Questions per API key per minute: each key has its own bucket, apart from people's.</summary>
    [Range(1, 100_000)]
    public int ApiKeyAskPerMinute { get; set; } = 60;

    [Range(1, 100_000)]
    public int ApiKeyAskBurst { get; set; } = 20;

    /// <summary>With <c>Redis:ConnectionString</c> set, what a limit does while Redis cannot answer.</summary>
    [EnumDataType(typeof(RedisUnavailableBehavior))]
    public RedisUnavailableBehavior WhenRedisUnavailable { get; set; } = RedisUnavailableBehavior.Allow;
}
