using KnowledgeBase.Core.Documents;

namespace KnowledgeBase.Infrastructure.Ingestion.Queue;

/// <summary>A file to add: <see cref="FileName"/> is display text only; <see cref="Replaces"/> names the document it is a new version of.</summary>
public sealed record UploadRequest(
    string? FileName,
    Stream Content,
    string Collection,
    IReadOnlyList<string> AccessGroups,
    Guid? Replaces = null);

public enum UploadOutcome
{
    /// <summary>A new document, queued for ingestion.</summary>
    Queued,

    /// <summary>A new version of an existing document, queued; the old version serves until it is ready.</summary>
    NewVersion,

    /// <summary>The same bytes are already in the collection (or queued): nothing to do.</summary>
    Unchanged,

    /// <summary>Refused before anything was queued (too large, unsupported, empty…), with the reason.</summary>
    Rejected,
}

public sealed record UploadResult(
    string FileName,
    UploadOutcome Outcome,
    Guid? DocumentId,
    long? JobId,
    DocumentStatus? Status,
    string? Reason,
    bool TooLarge = false);
