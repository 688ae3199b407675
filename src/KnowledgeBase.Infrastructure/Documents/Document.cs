using KnowledgeBase.Infrastructure.Ingestion.Parsers;

namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// A document and its current (searchable) version. Its status and access change only through the
/// methods below (checked against <see cref="Lifecycle"/>) and the queue's statements in
/// <see cref="JobStatements"/>; <see cref="DocumentService"/> is where the Api, the CLI and the tests change it.
/// </summary>
public sealed class Document
{
    private Document()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = string.Empty;

    /// <summary>The uploaded file name, for display only; never used as a path.</summary>
    public string SourceName { get; private set; } = string.Empty;

    public string ContentType { get; private set; } = string.Empty;

    /// <summary>Lower-case hex SHA-256 of the current version's bytes, also its blob key: the same bytes in a collection are one document.</summary>
    public string Sha256 { get; private set; } = string.Empty;

    public long SizeBytes { get; private set; }

    public DocumentStatus Status { get; private set; }

    public string? Error { get; private set; }

    public string Collection { get; private set; } = CollectionNames.Default;

    /// <summary>Groups allowed to read it; empty means every signed-in user.</summary>
    public string[] AccessGroups { get; private set; } = [];

    public int? PageCount { get; private set; }

    public int ChunkCount { get; private set; }

    public string[] Warnings { get; private set; } = [];

    public string? EmbeddingModel { get; private set; }

    /// <summary>Counts completed ingestions of this document (1 for the first version).</summary>
    public int Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A first upload: queued until its first version is ingested.</summary>
    public static Document Queue(Guid id, string sourceName, string contentType, string sha256, long sizeBytes, string collection, IEnumerable<string> accessGroups, DateTimeOffset now) => new()
    {
        Id = id,
        Title = TextDecoding.TitleFromFileName(sourceName),
        SourceName = sourceName,
        ContentType = contentType,
        Sha256 = sha256,
        SizeBytes = sizeBytes,
        Collection = collection,
        AccessGroups = [.. accessGroups],
        Status = DocumentStatus.Queued,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>A new version was uploaded and queued.</summary>
    public void QueueNewVersion(DateTimeOffset now)
    {
        QueueAgain();
        UpdatedAt = now;
    }

    /// <summary>The current bytes were queued again.</summary>
    public void QueueReingestion() => QueueAgain();

    /// <summary>Moves the document to another collection and/or gives it other readers (null keeps what it has).</summary>
    public void ChangeAccess(string? collection, IReadOnlyList<string>? groups, DateTimeOffset now)
    {
        Collection = collection ?? Collection;
        AccessGroups = groups is null ? AccessGroups : [.. groups];
        UpdatedAt = now;
    }

    /// <summary>A ready document keeps serving until the new job completes; any other starts over from the queue, its old error gone.</summary>
    private void QueueAgain()
    {
        if (Status == DocumentStatus.Ready)
        {
            return;
        }

        Lifecycle.Ensure(Status, DocumentStatus.Queued);
        Status = DocumentStatus.Queued;
        Error = null;
    }
}
