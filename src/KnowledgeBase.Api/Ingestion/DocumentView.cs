using KnowledgeBase.Infrastructure.Data;

namespace KnowledgeBase.Api.Ingestion;

/// <summary>A document as admins see it, with the latest ingestion job's step and progress.</summary>
public sealed record DocumentView(
    Guid Id,
    string Title,
    string SourceName,
    string ContentType,
    string Status,
    string? Error,
    string Collection,
    IReadOnlyList<string> AccessGroups,
    int? PageCount,
    int ChunkCount,
    long SizeBytes,
    int Version,
    IReadOnlyList<string> Warnings,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    JobView? LatestJob)
{
    public static DocumentView From(Document d, IngestionJob? job) => new(
        d.Id, d.Title, d.SourceName, d.ContentType, d.Status.ToString().ToLowerInvariant(), d.Error, d.Collection, d.AccessGroups,
        d.PageCount, d.ChunkCount, d.SizeBytes, d.Version, d.Warnings, d.CreatedAt, d.UpdatedAt,
        job is null ? null : new JobView(job.Id, job.Status.ToString().ToLowerInvariant(), job.Stage.ToString().ToLowerInvariant(), job.Progress, job.Attempts, job.LastError, job.SourceName));
}

public sealed record JobView(long Id, string Status, string Stage, int Progress, int Attempts, string? LastError, string SourceName);

/// <summary>The outcome for one uploaded file.</summary>
public sealed record UploadItem(string FileName, string Outcome, Guid? DocumentId, string? Status, string? StatusUrl, string? Reason);
