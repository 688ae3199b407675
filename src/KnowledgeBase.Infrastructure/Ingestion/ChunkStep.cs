using System.Diagnostics;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>Pipeline step 2: blocks to token-bounded chunks with pages and heading paths.</summary>
public sealed class ChunkStep(StructureAwareChunker chunker)
{
    public IReadOnlyList<TextChunk> Run(ParsedDocument document)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("ingest chunk");
        var started = Stopwatch.GetTimestamp();
        var chunks = chunker.Chunk(document);
        IngestionMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("step", "chunk"));
        activity?.SetTag("kb.document.chunks", chunks.Count);
        return chunks;
    }
}
