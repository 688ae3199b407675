using System.Threading.RateLimiting;

namespace KnowledgeBase.Api.RateLimiting;

/// <summary>The buckets of this process alone (System.Threading.RateLimiting): the default with one replica.</summary>
public sealed class InProcessTokenBuckets : ITokenBuckets, IDisposable
{
    private readonly PartitionedRateLimiter<(string Key, TokenBucketRule Rule)> limiter =
        PartitionedRateLimiter.Create<(string Key, TokenBucketRule Rule), string>(resource =>
            RateLimitPartition.GetTokenBucketLimiter(resource.Key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = resource.Rule.Burst,
                // Refilled every 10 s rather than once a minute, so a spent bucket recovers steadily.
                TokensPerPeriod = Math.Max(1, resource.Rule.PerMinute / 6),
                ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    public ValueTask<TimeSpan?> TryTakeAsync(string key, TokenBucketRule rule, CancellationToken cancellationToken)
    {
        using var lease = limiter.AttemptAcquire((key, rule));
        TimeSpan? wait = lease.IsAcquired
            ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
        return ValueTask.FromResult(wait);
    }

    public void Dispose() => limiter.Dispose();
}
