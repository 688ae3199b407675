using System.Diagnostics;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Embeddings;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Infrastructure.Ingestion.Queue;
using KnowledgeBase.Infrastructure.Storage;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>
/// Runs the typed pipeline for one claimed job: parse → chunk → embed → store, reporting the step
/// and percent as it goes. Throws <see cref="DocumentRejectedException"/> for input that can never
/// be ingested; anything else is for the worker to retry.
/// </summary>
public sealed class IngestionProcessor(
    IBlobStore blobs,
    ParseStep parse,
    ChunkStep chunk,
    EmbedStep embed,
    StoreStep store,
    JobQueue queue,
    EmbeddingModel model)
{
    /// <summary>The result, or null when the lease was lost before the new version could be committed.</summary>
    public async Task<CompletedVersion?> ProcessAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("ingest document");
        activity?.SetTag("kb.document.id", job.DocumentId);
        activity?.SetTag("kb.ingestion.job", job.Id);
        activity?.SetTag("kb.ingestion.attempt", job.Attempts);
        var started = Stopwatch.GetTimestamp();

        await queue.ReportAsync(job, DocumentStatus.Parsing, 5, cancellationToken);
        var content = await blobs.ReadAllAsync(job.BlobSha256, cancellationToken);
        var parsed = parse.Run(content, job.SourceName, job.ContentType, cancellationToken);

        await queue.ReportAsync(job, DocumentStatus.Chunking, 15, cancellationToken);
        var chunks = chunk.Run(parsed);
        if (chunks.Count == 0)
        {
            throw new DocumentRejectedException("The document produced no text to index.");
        }

        await queue.ReportAsync(job, DocumentStatus.Embedding, 20, cancellationToken);
        var lastReported = 20;
        var vectors = await embed.RunAsync(chunks, async fraction =>
        {
            var percent = 20 + (int)(fraction * 75);
            if (percent >= lastReported + 5)
            {
                lastReported = percent;
                await queue.ReportAsync(job, DocumentStatus.Embedding, percent, cancellationToken);
            }
        }, cancellationToken);

        var version = new CompletedVersion(parsed.Title, parsed.PageCount, chunks.Count, parsed.Warnings, model.Name);
        var committed = await queue.CompleteAsync(job, version,
            connection => store.RunAsync(connection, job.DocumentId, parsed.Title, chunks, vectors, cancellationToken), cancellationToken);
        if (!committed)
        {
            return null;
        }

        IngestionMetrics.Documents.Add(1, new KeyValuePair<string, object?>("outcome", "ready"));
        IngestionMetrics.Chunks.Add(chunks.Count);
        IngestionMetrics.DocumentDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        activity?.SetTag("kb.document.chunks", chunks.Count);
        return version;
    }
}
