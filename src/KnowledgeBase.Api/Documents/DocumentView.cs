using KnowledgeBase.Infrastructure.Documents;

namespace KnowledgeBase.Api.Documents;

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
        d.Id, d.Title, d.SourceName, d.ContentType, StatusNames.Of(d.Status), d.Error, d.Collection, d.AccessGroups,
        d.PageCount, d.ChunkCount, d.SizeBytes, d.Version, d.Warnings, d.CreatedAt, d.UpdatedAt,
        job is null ? null : new JobView(job.Id, StatusNames.Of(job.Status), StatusNames.Of(job.Stage), job.Progress, job.Attempts, job.LastError, job.SourceName));

    public static DocumentView From(DocumentWithJob row) => From(row.Document, row.LatestJob);
}

public sealed record JobView(long Id, string Status, string Stage, int Progress, int Attempts, string? LastError, string SourceName);

/// <summary>The outcome for one uploaded file.</summary>
public sealed record UploadItem(string FileName, string Outcome, Guid? DocumentId, string? Status, string? StatusUrl, string? Reason)
{
    public static UploadItem From(UploadResult result) => new(
        result.FileName,
        result.Outcome.ToString().ToLowerInvariant(),
        result.DocumentId,
        result.Status is { } status ? StatusNames.Of(status) : null,
        result.DocumentId is { } id ? $"/api/documents/{id}" : null,
        result.Reason);
}
