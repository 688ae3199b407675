using System.Threading.RateLimiting;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Identity;

/// <summary>
/// Sign-in attempts per client IP (<see cref="IdentitySettings.SignInAttemptsPerMinute"/>, the burst the same): password
/// guessing slows to a crawl, and locking someone else's account out takes many addresses. The IP is the forwarded
/// client address when a trusted proxy is configured (see ForwardedHeaders).
/// </summary>
public sealed class SignInRateLimiter(IOptions<IdentitySettings> settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetTokenBucketLimiter(ip, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Value.SignInAttemptsPerMinute,
            TokensPerPeriod = settings.Value.SignInAttemptsPerMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(HttpContext http)
    {
        using var lease = limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}
