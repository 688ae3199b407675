using KnowledgeBase.Infrastructure.Storage;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// One uploaded file after <see cref="DocumentService.ReceiveAsync"/>: its display name and either its staged
/// bytes with the detected format, or the reason it was refused. Disposing it drops bytes that were never stored.
/// </summary>
public sealed class ReceivedFile : IAsyncDisposable
{
    private ReceivedFile(string name, StagedBlob? blob, string? contentType, UploadResult? rejection)
    {
        Name = name;
        Blob = blob;
        ContentType = contentType;
        Rejection = rejection;
    }

    public string Name { get; }

    public StagedBlob? Blob { get; }

    public string? ContentType { get; }

    /// <summary>Set when the file can never be ingested; nothing of it is kept.</summary>
    public UploadResult? Rejection { get; }

    public static ReceivedFile Accepted(string name, StagedBlob blob, string contentType) => new(name, blob, contentType, null);

    public static ReceivedFile Refused(UploadResult rejection) => new(rejection.FileName, null, null, rejection);

    public ValueTask DisposeAsync() => Blob?.DisposeAsync() ?? ValueTask.CompletedTask;
}
