using KnowledgeBase.Api.RateLimiting;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Identity;

/// <summary>
/// Sign-in attempts per client IP (<see cref="IdentitySettings.SignInAttemptsPerMinute"/>, the burst the same): password
/// guessing slows to a crawl, and locking someone else's account out takes many addresses. The buckets are the shared
/// ones (Redis when configured), so the limit holds across API replicas. The IP is the forwarded client address when a
/// trusted proxy is configured (see ForwardedHeaders).
/// </summary>
public sealed class SignInRateLimiter(ITokenBuckets buckets, IOptions<IdentitySettings> settings)
{
    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public ValueTask<TimeSpan?> TryAcquireAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var perMinute = settings.Value.SignInAttemptsPerMinute;
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return buckets.TryTakeAsync($"signin-ip:{ip}", new TokenBucketRule(perMinute, perMinute), cancellationToken);
    }
}
