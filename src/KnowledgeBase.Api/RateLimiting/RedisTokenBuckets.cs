using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace KnowledgeBase.Api.RateLimiting;

/// <summary>
/// Buckets shared by every replica: one Redis hash per bucket, updated atomically by a Lua script on Redis's own
/// clock (so replicas' clocks do not matter). When Redis cannot answer, the question is decided as
/// <see cref="RateLimitOptions.WhenRedisUnavailable"/> says — this replica's own buckets (limits per replica
/// until Redis is back) or a refusal — logged once per outage and counted on <c>kb.ratelimit.store.unavailable</c>.
/// </summary>
public sealed partial class RedisTokenBuckets(
    IConnectionMultiplexer redis,
    InProcessTokenBuckets fallback,
    IOptions<RateLimitOptions> options,
    ILogger<RedisTokenBuckets> logger) : ITokenBuckets
{
    /// <summary>How long a refusal during an outage tells the client to wait.</summary>
    public static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(5);

    // KEYS[1] the bucket; ARGV[1] burst; ARGV[2] tokens per millisecond. Returns 0 when a token was taken,
    // otherwise the milliseconds until one is there. The hash expires once the bucket would be full again.
    private const string TakeScript = """
        local burst = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or burst
        local at = tonumber(state[2]) or now
        tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
        local wait = 0
        if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / rate) end
        redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
        redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate) + 1000)
        return wait
        """;

    private const string KeyPrefix = "kb:ratelimit:";

    private int unavailable;

    public async ValueTask<TimeSpan?> TryTakeAsync(string key, TokenBucketRule rule, CancellationToken cancellationToken)
    {
        try
        {
            var perMillisecond = rule.PerMinute / 60_000.0;
            var wait = (long)await redis.GetDatabase().ScriptEvaluateAsync(
                TakeScript, [new RedisKey(KeyPrefix + key)], [rule.Burst, perMillisecond.ToString("R", System.Globalization.CultureInfo.InvariantCulture)]);
            if (Interlocked.Exchange(ref unavailable, 0) == 1)
            {
                LogBack();
            }

            return wait == 0 ? null : TimeSpan.FromMilliseconds(wait);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            var allow = options.Value.WhenRedisUnavailable == RedisUnavailableBehavior.Allow;
            RateLimitMetrics.StoreUnavailable.Add(1, new KeyValuePair<string, object?>("outcome", allow ? "fallback" : "refused"));
            if (Interlocked.Exchange(ref unavailable, 1) == 0)
            {
                LogUnavailable(e, options.Value.WhenRedisUnavailable);
            }

            return allow ? await fallback.TryTakeAsync(key, rule, cancellationToken) : UnavailableRetryAfter;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable for rate limits; questions are decided by: {Behavior} (logged once until it is back)")]
    private partial void LogUnavailable(Exception e, RedisUnavailableBehavior behavior);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: rate limits are shared by every replica again")]
    private partial void LogBack();
}
