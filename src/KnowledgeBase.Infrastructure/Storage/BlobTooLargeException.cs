namespace KnowledgeBase.Infrastructure.Storage;

public sealed class BlobTooLargeException(long maxBytes)
    : Exception($"The file is larger than the limit of {maxBytes / (1024 * 1024)} MB.")
{
    public long MaxBytes { get; } = maxBytes;
}
