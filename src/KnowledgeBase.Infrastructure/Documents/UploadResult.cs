namespace KnowledgeBase.Infrastructure.Documents;

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

/// <summary>What became of one uploaded file.</summary>
public sealed record UploadResult(
    string FileName,
    UploadOutcome Outcome,
    Guid? DocumentId,
    long? JobId,
    DocumentStatus? Status,
    string? Reason,
    bool TooLarge = false)
{
    public static UploadResult Rejected(string fileName, string reason) => new(fileName, UploadOutcome.Rejected, null, null, null, reason);

    public static UploadResult OverLimit(string fileName, long maxBytes) =>
        new(fileName, UploadOutcome.Rejected, null, null, null, new Storage.BlobTooLargeException(maxBytes).Message, TooLarge: true);
}
