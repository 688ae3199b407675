using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Api.RateLimiting;

/// <summary>Refusals themselves are counted as kb.ask.rejections{reason="rate_limit"} (AskMetrics); this is the store's health.</summary>
internal static class RateLimitMetrics
{
    public static readonly Counter<long> StoreUnavailable = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.ratelimit.store.unavailable", "{request}", "Rate-limit decisions taken without Redis, by outcome (fallback: this replica's buckets; refused).");
}
