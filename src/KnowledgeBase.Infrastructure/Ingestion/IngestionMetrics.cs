using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>Ingestion's instruments; rates (documents/s, pages/s, chunks/s) are the counters' derivatives.</summary>
internal static class IngestionMetrics
{
    public static readonly Histogram<double> StepDuration = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "kb.ingestion.step.duration", "s", "Duration of one ingestion step (parse, chunk, embed, store).");

    public static readonly Histogram<double> DocumentDuration = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "kb.ingestion.document.duration", "s", "Time to ingest one document, all steps.");

    public static readonly Counter<long> Documents = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.ingestion.documents", "{document}", "Documents that finished ingestion, by outcome.");

    public static readonly Counter<long> Pages = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.ingestion.pages", "{page}", "Pages parsed.");

    public static readonly Counter<long> Chunks = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.ingestion.chunks", "{chunk}", "Chunks stored.");

    public static readonly Counter<long> Failures = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.ingestion.failures", "{failure}", "Failed attempts, by kind (rejected, transient, exhausted, abandoned).");
}
