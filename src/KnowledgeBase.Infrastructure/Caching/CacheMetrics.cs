using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Caching;

/// <summary>
/// One <c>kb.cache.requests</c> per ask that could use the cache: <c>tier</c> exact|semantic (the tier that
/// decided) or none (bypassed), <c>outcome</c> hit|miss|bypass|rejected_by_gate. <c>kb.cache.similarity</c> is
/// the nearest cached question's similarity on semantic lookups, hit or not (for tuning the threshold).
/// The entry count is a store gauge (<c>kb.cache.entries</c>, <see cref="StoreGauges"/>).
/// </summary>
internal static class CacheMetrics
{
    public const string Exact = "exact";
    public const string Semantic = "semantic";
    public const string NoTier = "none";

    public const string Hit = "hit";
    public const string Miss = "miss";
    public const string Bypass = "bypass";
    public const string RejectedByGate = "rejected_by_gate";

    public static readonly Counter<long> Requests =
        KnowledgeBaseTelemetry.Meter.CreateCounter<long>("kb.cache.requests", "{request}", "Answer cache lookups by tier and outcome.");

    public static readonly Histogram<double> Similarity =
        KnowledgeBaseTelemetry.Meter.CreateHistogram<double>("kb.cache.similarity", "1", "Cosine similarity of the nearest cached question on semantic lookups.");

    public static void Count(string tier, string outcome) =>
        Requests.Add(1, new KeyValuePair<string, object?>("tier", tier), new KeyValuePair<string, object?>("outcome", outcome));
}
