using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.RateLimiting;

/// <summary>
/// One token bucket per user for every way of asking (JSON, SSE, hub, OpenAI API), so switching transport
/// does not multiply the allowance.
/// </summary>
public sealed class AskRateLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.AskBurst,
            TokensPerPeriod = Math.Max(1, options.Value.AskPerMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one question from the user's bucket: null when allowed, otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(ClaimsPrincipal user, string? fallbackKey = null)
    {
        var key = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? fallbackKey ?? "anonymous";
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
    }

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static string Detail(TimeSpan wait) =>
        string.Create(CultureInfo.InvariantCulture, $"You have reached your question limit; try again in {Seconds(wait)} s.");

    public void Dispose() => limiter.Dispose();
}
