using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Retrieval;

/// <summary>Search latency and result counts by mode (dense, keyword, hybrid).</summary>
internal static class RetrievalMetrics
{
    private static readonly Histogram<double> Duration = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "kb.retrieval.duration", "s", "Time to retrieve the sources of one question (both searches, fusion, passages).");

    private static readonly Histogram<int> Results = KnowledgeBaseTelemetry.Meter.CreateHistogram<int>(
        "kb.retrieval.results", "{result}", "Sources returned per search.");

    public static void Record(string mode, TimeSpan elapsed, int results)
    {
        var tag = new KeyValuePair<string, object?>("mode", mode);
        Duration.Record(elapsed.TotalSeconds, tag);
        Results.Record(results, tag);
    }
}
