using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Api.RateLimiting;

internal static class RateLimitMetrics
{
    public static readonly Counter<long> Rejections = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.ratelimit.rejections", "{request}", "Requests refused by a rate limit, by limit (ask_user, ask_key, …).");

    public static readonly Counter<long> StoreUnavailable = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.ratelimit.store.unavailable", "{request}", "Rate-limit decisions taken without Redis, by outcome (fallback: this replica's buckets; refused).");
}
