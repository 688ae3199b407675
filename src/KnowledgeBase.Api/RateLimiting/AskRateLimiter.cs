using System.Globalization;
using System.Security.Claims;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Infrastructure.Answering;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.RateLimiting;

/// <summary>
/// One token bucket per user for every way of asking (JSON, SSE, hub, OpenAI API), so switching transport
/// does not multiply the allowance. API keys have their own partitions and limits, so a busy
/// integration never eats a person's questions. With Redis the buckets are shared by every replica.
/// </summary>
public sealed class AskRateLimiter(ITokenBuckets buckets, IOptions<RateLimitOptions> options)
{
    /// <summary>Takes one question from the caller's bucket: null when allowed, otherwise how long to wait.</summary>
    public async ValueTask<TimeSpan?> TryAcquireAsync(ClaimsPrincipal user, string? fallbackKey, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var (key, rule) = user.ApiKeyId() is { } keyId
            ? ("key:" + keyId.ToString("N"), new TokenBucketRule(limits.ApiKeyAskBurst, limits.ApiKeyAskPerMinute))
            : ("user:" + (user.FindFirstValue(ClaimTypes.NameIdentifier) ?? fallbackKey ?? "anonymous"), new TokenBucketRule(limits.AskBurst, limits.AskPerMinute));
        var wait = await buckets.TryTakeAsync(key, rule, cancellationToken);
        if (wait is not null)
        {
            AskMetrics.Reject(AskMetrics.RateLimit);
        }

        return wait;
    }

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static string Detail(TimeSpan wait) =>
        string.Create(CultureInfo.InvariantCulture, $"You have reached your question limit; try again in {Seconds(wait)} s.");
}
