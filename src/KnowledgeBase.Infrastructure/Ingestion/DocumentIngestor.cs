using System.Security.Cryptography;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Embeddings;
using KnowledgeBase.Infrastructure.Ingestion.Parsers;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>
/// Runs parse → chunk → embed → store for one file. The same bytes in a collection are one document
/// (no work the second time); a changed file with the same name in the collection replaces the old
/// version's chunks in one transaction; a file that can never be ingested leaves a failed document
/// with its reason.
/// </summary>
public sealed class DocumentIngestor(
    KnowledgeBaseDbContext db,
    ParseStep parse,
    ChunkStep chunk,
    EmbedStep embed,
    StoreStep store,
    TimeProvider time,
    ILogger<DocumentIngestor> logger)
{
    public async Task<IngestionResult> IngestAsync(IngestionRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("ingest document");
        activity?.SetTag("kb.document.collection", request.Collection);
        var sha = Convert.ToHexStringLower(SHA256.HashData(request.Content.Span));

        var same = await db.Documents.AsNoTracking()
            .FirstOrDefaultAsync(d => d.Collection == request.Collection && d.Sha256 == sha, cancellationToken);
        if (same is not null && same.Status is DocumentStatus.Ready or DocumentStatus.Failed)
        {
            return same.Status == DocumentStatus.Ready
                ? new IngestionResult(same.Id, request.SourceName, IngestionOutcome.Unchanged, same.ChunkCount, same.PageCount, null, same.Warnings)
                : new IngestionResult(same.Id, request.SourceName, IngestionOutcome.Failed, 0, same.PageCount, same.Error, same.Warnings);
        }

        var previous = same ?? await db.Documents
            .FirstOrDefaultAsync(d => d.Collection == request.Collection && d.SourceName == request.SourceName, cancellationToken);
        var document = previous ?? new Document
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Title = TextDecodingTitle(request.SourceName),
            SourceName = request.SourceName,
            ContentType = "application/octet-stream",
            Sha256 = sha,
            Collection = request.Collection,
            Status = DocumentStatus.Queued,
            CreatedAt = time.GetUtcNow(),
        };
        var isNewVersion = previous is not null && previous.Status == DocumentStatus.Ready;
        if (previous is null)
        {
            document.AccessGroups = [.. request.AccessGroups];
            document.UpdatedAt = time.GetUtcNow();
            db.Documents.Add(document);
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            var contentType = ContentTypeDetector.Detect(request.Content.Span, request.SourceName);
            await SetStatusAsync(document, DocumentStatus.Parsing, isNewVersion, cancellationToken);
            var parsed = parse.Run(request.Content, request.SourceName, contentType, cancellationToken);

            await SetStatusAsync(document, DocumentStatus.Chunking, isNewVersion, cancellationToken);
            var chunks = chunk.Run(parsed);
            if (chunks.Count == 0)
            {
                throw new DocumentRejectedException("The document produced no text to index.");
            }

            await SetStatusAsync(document, DocumentStatus.Embedding, isNewVersion, cancellationToken);
            var vectors = await embed.RunAsync(parsed.Title, chunks, progress, cancellationToken);

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await store.RunAsync((NpgsqlConnection)db.Database.GetDbConnection(), document.Id, chunks, vectors, cancellationToken);
            document.Title = parsed.Title;
            document.ContentType = contentType;
            document.Sha256 = sha;
            document.SizeBytes = request.Content.Length;
            document.PageCount = parsed.PageCount;
            document.ChunkCount = chunks.Count;
            document.Warnings = [.. parsed.Warnings];
            document.EmbeddingModel = EmbeddingModels.MiniLm;
            document.Status = DocumentStatus.Ready;
            document.Error = null;
            document.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            KnowledgeBaseTelemetry.DocumentsIngested.Add(1, new KeyValuePair<string, object?>("outcome", "ready"));
            return new IngestionResult(document.Id, request.SourceName, isNewVersion ? IngestionOutcome.Updated : IngestionOutcome.New,
                chunks.Count, parsed.PageCount, null, parsed.Warnings);
        }
        catch (DocumentRejectedException e)
        {
            logger.LogWarning("Rejected {SourceName}: {Reason}", request.SourceName, e.Message);
            KnowledgeBaseTelemetry.DocumentsIngested.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            if (isNewVersion)
            {
                // The previous version stays searchable; the new bytes are refused.
                return new IngestionResult(document.Id, request.SourceName, IngestionOutcome.Failed, 0, null, e.Message, []);
            }

            db.ChangeTracker.Clear();
            await db.Documents.Where(d => d.Id == document.Id).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DocumentStatus.Failed)
                .SetProperty(d => d.Error, e.Message)
                .SetProperty(d => d.SizeBytes, request.Content.Length)
                .SetProperty(d => d.UpdatedAt, time.GetUtcNow()), cancellationToken);
            return new IngestionResult(document.Id, request.SourceName, IngestionOutcome.Failed, 0, null, e.Message, []);
        }
    }

    private async Task SetStatusAsync(Document document, DocumentStatus status, bool isNewVersion, CancellationToken cancellationToken)
    {
        // A new version keeps the old one ready (and searchable) until its chunks are swapped in.
        if (isNewVersion)
        {
            return;
        }

        document.Status = status;
        document.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string TextDecodingTitle(string sourceName) => TextDecoding.TitleFromFileName(sourceName);
}
