using KnowledgeBase.Core.Documents;

namespace KnowledgeBase.Infrastructure.Data;

public sealed class Document
{
    public Guid Id { get; set; }
    public required string Title { get; set; }
    /// <summary>The uploaded file name, for display only; never used as a path.</summary>
    public required string SourceName { get; set; }
    public required string ContentType { get; set; }
    /// <summary>Lower-case hex SHA-256 of the current version's bytes, also its blob key: the same bytes in a collection are one document.</summary>
    public required string Sha256 { get; set; }
    public long SizeBytes { get; set; }
    public DocumentStatus Status { get; set; }
    public string? Error { get; set; }
    public required string Collection { get; set; }
    /// <summary>Groups allowed to read it; empty means every signed-in user.</summary>
    public string[] AccessGroups { get; set; } = [];
    public int? PageCount { get; set; }
    public int ChunkCount { get; set; }
    public string[] Warnings { get; set; } = [];
    public string? EmbeddingModel { get; set; }
    /// <summary>Counts completed ingestions of this document (1 for the first version).</summary>
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
