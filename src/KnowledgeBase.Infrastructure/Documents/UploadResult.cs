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

/// <summary>Why a file was refused.</summary>
public enum UploadRefusal
{
    /// <summary>It can never be ingested (empty, unsupported, binary, no such document to replace…).</summary>
    Unusable,

    /// <summary>It is larger than <c>Ingestion:MaxFileBytes</c>.</summary>
    TooLarge,

    /// <summary>It would become (or already is) a document whose access groups differ from the upload's.</summary>
    GroupsDiffer,
}

/// <summary>What became of one uploaded file; <see cref="Refusal"/> is set when it was rejected.</summary>
public sealed record UploadResult(
    string FileName,
    UploadOutcome Outcome,
    Guid? DocumentId,
    long? JobId,
    DocumentStatus? Status,
    string? Reason,
    UploadRefusal? Refusal = null)
{
    public bool TooLarge => Refusal == UploadRefusal.TooLarge;

    public static UploadResult Rejected(string fileName, string reason, UploadRefusal refusal = UploadRefusal.Unusable) =>
        new(fileName, UploadOutcome.Rejected, null, null, null, reason, refusal);

    public static UploadResult OverLimit(string fileName, long maxBytes) =>
        Rejected(fileName, new Storage.BlobTooLargeException(maxBytes).Message, UploadRefusal.TooLarge);
}
