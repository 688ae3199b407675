namespace KnowledgeBase.Infrastructure.Storage;

/// <summary>
/// Bytes received and hashed but not yet stored under their key: its SHA-256 (lower-case hex, the
/// future key), size and first bytes (for format detection). <see cref="Location"/> is the store's own
/// handle on the staged copy. Disposing it drops the copy unless it was placed.
/// </summary>
public sealed class StagedBlob(IBlobStore store, string location, string sha256, long sizeBytes, byte[] head) : IAsyncDisposable
{
    public string Location { get; } = location;

    public string Sha256 { get; } = sha256;

    public long SizeBytes { get; } = sizeBytes;

    public byte[] Head { get; } = head;

    public ValueTask DisposeAsync() => store.DiscardAsync(this);
}
