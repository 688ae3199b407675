using Pgvector;

namespace KnowledgeBase.Infrastructure.Caching;

/// <summary>
/// A stored answer and what it may answer: its scope key (only an identical one reads it), the question
/// (normalised) with its hash and embedding, and the documents (with versions) it was built from, so a change
/// to any of them removes it. The model maps it; <see cref="AnswerCache"/> reads and writes it with SQL.
/// </summary>
public sealed class CacheEntry
{
    public Guid Id { get; set; }

    public required string ScopeKey { get; set; }

    public required string QuestionHash { get; set; }

    public required string Question { get; set; }

    public required Vector Embedding { get; set; }

    /// <summary>The collection asked about; null for a question over every collection.</summary>
    public string? Collection { get; set; }

    public required string Answer { get; set; }

    /// <summary>The retrieval and citations events' citations as JSON (<see cref="StoredCitations"/>).</summary>
    public required string Citations { get; set; }

    public int[] CitedNumbers { get; set; } = [];

    public Guid[] SourceDocuments { get; set; } = [];

    /// <summary>The version of each of <see cref="SourceDocuments"/> (same order).</summary>
    public int[] SourceVersions { get; set; } = [];

    /// <summary>No source backs it ("not in the documents"): any new document in its collection removes it.</summary>
    public bool IsRefusal { get; set; }

    public required string Mode { get; set; }

    public required string Model { get; set; }

    /// <summary>What the answer cost when it was written: each hit saves that much.</summary>
    public decimal Cost { get; set; }

    public int InputTokens { get; set; }

    public int OutputTokens { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset LastUsedAt { get; set; }

    public int Hits { get; set; }
}
