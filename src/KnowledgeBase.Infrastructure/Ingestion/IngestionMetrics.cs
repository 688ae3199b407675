using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Ingestion;

internal static class IngestionMetrics
{
    public static readonly Histogram<double> StepDuration = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "kb.ingestion.step.duration", "s", "Duration of one ingestion step (parse, chunk, embed, store).");

    public static readonly Counter<long> Pages = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.ingestion.pages", "{page}", "Pages parsed.");
}
