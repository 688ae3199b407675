namespace KnowledgeBase.Infrastructure.Storage;

/// <summary>A stored blob: its SHA-256 (lower-case hex, also its key), size, and first bytes (for format detection).</summary>
public sealed record StoredBlob(string Sha256, long SizeBytes, byte[] Head);

/// <summary>
/// Content-addressed storage of uploaded bytes: the key is the SHA-256 of the content, so a user's
/// file name never becomes a path and the same bytes are stored once. The file system is the
/// default; an S3-compatible store implements the same contract.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the stream (reading at most <paramref name="maxBytes"/>); throws <see cref="BlobTooLargeException"/> beyond it.</summary>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    Task<byte[]> ReadAllAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>The blob as a seekable stream, for serving it without loading it whole.</summary>
    Stream OpenRead(string sha256);

    Task DeleteAsync(string sha256, CancellationToken cancellationToken);
}

public sealed class BlobTooLargeException(long maxBytes)
    : Exception($"The file is larger than the limit of {maxBytes / (1024 * 1024)} MB.")
{
    public long MaxBytes { get; } = maxBytes;
}
