using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>A document with its newest ingestion job (its step, percent, attempts and error).</summary>
public sealed record DocumentWithJob(Document Document, IngestionJob? LatestJob);

/// <summary>Reads of documents as admins and readers see them (nothing here changes one: that is <see cref="DocumentService"/>).</summary>
public sealed class DocumentQueries(KnowledgeBaseDbContext db)
{
    /// <summary>One page, newest change first, and how many match in all.</summary>
    public async Task<(List<DocumentWithJob> Page, int Total)> ListAsync(
        string? collection, DocumentStatus? status, int offset, int limit, CancellationToken cancellationToken)
    {
        var query = db.Documents.AsNoTracking();
        if (!string.IsNullOrEmpty(collection))
        {
            query = query.Where(d => d.Collection == collection);
        }

        if (status is { } wanted)
        {
            query = query.Where(d => d.Status == wanted);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(d => d.UpdatedAt).ThenBy(d => d.Id)
            .Select(d => new { Document = d, Job = db.IngestionJobs.Where(j => j.DocumentId == d.Id).OrderByDescending(j => j.Id).FirstOrDefault() })
            .Skip(offset)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return (rows.Select(r => new DocumentWithJob(r.Document, r.Job)).ToList(), total);
    }

    public async Task<DocumentWithJob?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        return document is null ? null : new DocumentWithJob(document, await LatestJobAsync(id, cancellationToken));
    }

    public Task<IngestionJob?> LatestJobAsync(Guid documentId, CancellationToken cancellationToken) =>
        db.IngestionJobs.AsNoTracking().Where(j => j.DocumentId == documentId).OrderByDescending(j => j.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The stored file of a document the scope may read; null when there is none or it may not (as if it did not exist).</summary>
    public Task<DocumentFile?> FindFileAsync(Guid id, AccessScope scope, CancellationToken cancellationToken) =>
        db.Documents.AsNoTracking().ReadableBy(scope)
            .Where(d => d.Id == id)
            .Select(d => new DocumentFile(d.Sha256, d.ContentType, d.SourceName))
            .FirstOrDefaultAsync(cancellationToken);
}

/// <summary>A document's current bytes (by blob key), as served to readers.</summary>
public sealed record DocumentFile(string Sha256, string ContentType, string SourceName);
