using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Api.RateLimiting;

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
}
