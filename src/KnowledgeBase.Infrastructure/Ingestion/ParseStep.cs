using System.Diagnostics;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>Pipeline step 1: bytes to blocks, by the format detected from the content.</summary>
public sealed class ParseStep(IEnumerable<IDocumentParser> parsers)
{
    public ParsedDocument Run(ReadOnlyMemory<byte> content, string sourceName, string contentType, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("ingest parse");
        activity?.SetTag("kb.document.content_type", contentType);
        var started = Stopwatch.GetTimestamp();
        var parser = parsers.FirstOrDefault(p => p.CanParse(contentType))
            ?? throw new DocumentRejectedException($"No parser for content type '{contentType}'.");
        var parsed = parser.Parse(content, sourceName, cancellationToken);
        IngestionMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("step", "parse"));
        if (parsed.PageCount is { } pages)
        {
            IngestionMetrics.Pages.Add(pages);
            activity?.SetTag("kb.document.pages", pages);
        }

        return parsed;
    }
}
