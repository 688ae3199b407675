using System.Diagnostics;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Infrastructure.Caching;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Embeddings;
using KnowledgeBase.Infrastructure.Guardrails;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Infrastructure.Ingestion.Queue;
using KnowledgeBase.Infrastructure.Storage;
using KnowledgeBase.Infrastructure.Telemetry;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>
/// Runs the typed pipeline for one claimed job: parse → screen → chunk → embed → store, reporting the step
/// and percent as it goes, and commits the result as one unit of work. Throws
/// <see cref="DocumentRejectedException"/> for input that can never be ingested; anything else is
/// for the worker to retry.
/// </summary>
public sealed class IngestionProcessor(
    IBlobStore blobs,
    ParseStep parse,
    InjectionScreenStep screen,
    ChunkStep chunk,
    EmbedStep embed,
    StoreStep store,
    JobQueue queue,
    NpgsqlDataSource dataSource,
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
        var parsed = await screen.RunAsync(await parse.RunAsync(new ParseInput(content, job.SourceName, job.ContentType), cancellationToken), cancellationToken);

        await queue.ReportAsync(job, DocumentStatus.Chunking, 15, cancellationToken);
        var chunks = await chunk.RunAsync(parsed, cancellationToken);
        if (chunks.Count == 0)
        {
            throw new DocumentRejectedException("The document produced no text to index.");
        }

        await queue.ReportAsync(job, DocumentStatus.Embedding, 20, cancellationToken);
        var vectors = await embed.RunAsync(new EmbedInput(chunks, EmbeddingProgress(job, cancellationToken)), cancellationToken);

        var version = new CompletedVersion(parsed.Title, parsed.PageCount, chunks.Count, parsed.Warnings, model.Name);
        if (!await CommitAsync(job, version, chunks, vectors, cancellationToken))
        {
            return null;
        }

        IngestionMetrics.Documents.Add(1, new KeyValuePair<string, object?>("outcome", StatusNames.Ready));
        IngestionMetrics.Chunks.Add(chunks.Count);
        IngestionMetrics.DocumentDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        activity?.SetTag("kb.document.chunks", chunks.Count);
        return version;
    }

    /// <summary>Embedding runs from 20 to 95 percent, reported in steps of at least five.</summary>
    private Func<double, Task> EmbeddingProgress(ClaimedJob job, CancellationToken cancellationToken)
    {
        var lastReported = 20;
        return async fraction =>
        {
            var percent = 20 + (int)(fraction * 75);
            if (percent >= lastReported + 5)
            {
                lastReported = percent;
                await queue.ReportAsync(job, DocumentStatus.Embedding, percent, cancellationToken);
            }
        };
    }

    /// <summary>
    /// The unit of work, in one transaction fenced on the lease: the job completes, the document points at
    /// the new version, and its chunks and postings are replaced. False (nothing changed) when the lease was lost;
    /// text the database refuses is bad input (<see cref="RefusedText"/>), not a reason to retry.
    /// </summary>
    private async Task<bool> CommitAsync(
        ClaimedJob job, CompletedVersion version, IReadOnlyList<TextChunk> chunks, IReadOnlyList<ReadOnlyMemory<float>> vectors, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (!await queue.CompleteAsync(connection, job, version, cancellationToken))
            {
                return false;
            }

            await store.RunAsync(new StoreInput(connection, job.DocumentId, version.Title, chunks, vectors), cancellationToken);
            await CacheInvalidation.VersionSearchableAsync(connection, job.DocumentId, cancellationToken);
        }
        catch (Exception e) when (RefusedText.From(e) is { } refused)
        {
            throw refused;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
