using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Storage;

/// <summary>
/// Blobs as files named by their hash (<c>ab/cd/abcd…</c>). Staged bytes wait in <c>tmp/</c> and are
/// renamed into place, so a reader never sees half a blob.
/// </summary>
public sealed class FileSystemBlobStore(IOptions<StorageOptions> options) : IBlobStore
{
    private const int HeadBytes = 8192;

    private readonly string root = Path.GetFullPath(options.Value.Root);

    public async Task<StagedBlob> StageAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(root, "tmp");
        Directory.CreateDirectory(temp);
        var tempFile = Path.Combine(temp, Guid.NewGuid().ToString("N"));
        try
        {
            long size = 0;
            var head = new MemoryStream();
            await using var file = new FileStream(tempFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    throw new BlobTooLargeException(maxBytes);
                }

                hash.AppendData(buffer, 0, read);
                if (head.Length < HeadBytes)
                {
                    head.Write(buffer, 0, (int)Math.Min(read, HeadBytes - head.Length));
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return new StagedBlob(this, tempFile, Convert.ToHexStringLower(hash.GetHashAndReset()), size, head.ToArray());
        }
        catch
        {
            File.Delete(tempFile);
            throw;
        }
    }

    public Task PlaceAsync(StagedBlob blob, CancellationToken cancellationToken)
    {
        var target = PathOf(blob.Sha256);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target))
        {
            File.Delete(blob.Location);
        }
        else if (File.Exists(blob.Location))
        {
            // Two placements of the same bytes may race: the rename is atomic and both copies are identical.
            File.Move(blob.Location, target, overwrite: true);
        }

        return Task.CompletedTask;
    }

    public ValueTask DiscardAsync(StagedBlob blob)
    {
        File.Delete(blob.Location);
        return ValueTask.CompletedTask;
    }

    public Task<byte[]> ReadAllAsync(string sha256, CancellationToken cancellationToken) =>
        File.ReadAllBytesAsync(PathOf(sha256), cancellationToken);

    public Stream OpenRead(string sha256) =>
        new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public Task DeleteAsync(string sha256, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(sha256));
        return Task.CompletedTask;
    }

    private string PathOf(string sha256)
    {
        // Keys are hashes we computed; refuse anything else so no caller can walk the file system.
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a SHA-256 blob key.", nameof(sha256));
        }

        return Path.Combine(root, sha256[..2], sha256[2..4], sha256);
    }
}
