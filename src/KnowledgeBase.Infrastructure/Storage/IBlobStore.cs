namespace KnowledgeBase.Infrastructure.Storage;

/// <summary>
/// Content-addressed storage of uploaded bytes: the key is the SHA-256 of the content, so a user's
/// file name never becomes a path and the same bytes are stored once. Bytes arrive in two steps:
/// <see cref="StageAsync"/> receives and hashes them aside, <see cref="PlaceAsync"/> puts them under
/// their key once the database refers to them, so a failed upload never leaves a blob behind. The
/// file system is the default; an S3-compatible store implements the same contract.
/// </summary>
public interface IBlobStore
{
    /// <summary>Receives the stream (reading at most <paramref name="maxBytes"/>); throws <see cref="BlobTooLargeException"/> beyond it.</summary>
    Task<StagedBlob> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Puts staged bytes under their key, unless the store has them already. Safe to call more than once.</summary>
    Task PlaceAsync(StagedBlob blob, CancellationToken cancellationToken);

    /// <summary>Drops the staged copy (nothing, once it was placed).</summary>
    ValueTask DiscardAsync(StagedBlob blob);

    Task<byte[]> ReadAllAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The blob as a seekable stream, for serving it without loading it whole.</summary>
    Stream OpenRead(string sha256);

    Task DeleteAsync(string sha256, CancellationToken cancellationToken);
}
