using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Infrastructure.Answering;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.RateLimiting;

/// <summary>
/// One token bucket per user for every way of asking (JSON, SSE, hub, OpenAI API), so switching transport
/// does not multiply the allowance. API keys have their own partitions and limits, so a busy
/// integration never eats a person's questions.
/// </summary>
public sealed class AskRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private const string KeyPrefix = "key:";

    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(partition =>
    {
        var forKey = partition.StartsWith(KeyPrefix, StringComparison.Ordinal);
        var (burst, perMinute) = forKey
            ? (options.Value.ApiKeyAskBurst, options.Value.ApiKeyAskPerMinute)
            : (options.Value.AskBurst, options.Value.AskPerMinute);
        return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = Math.Max(1, perMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    });

    /// <summary>Takes one question from the caller's bucket: null when allowed, otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(ClaimsPrincipal user, string? fallbackKey = null)
    {
        var key = user.ApiKeyId() is { } keyId
            ? KeyPrefix + keyId.ToString("N")
            : user.FindFirstValue(ClaimTypes.NameIdentifier) ?? fallbackKey ?? "anonymous";
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        AskMetrics.Reject(AskMetrics.RateLimit);
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
    }

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static string Detail(TimeSpan wait) =>
        string.Create(CultureInfo.InvariantCulture, $"You have reached your question limit; try again in {Seconds(wait)} s.");

    public void Dispose() => limiter.Dispose();
}
