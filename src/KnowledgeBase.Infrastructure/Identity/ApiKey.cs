namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>A service client's key: only its SHA-256 is stored; the prefix is kept to tell keys apart.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The key's first characters (<c>kb_</c> and 8 more), for display.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string KeyHash { get; set; }

    public string[] Scopes { get; set; } = [];

    public string[] Groups { get; set; } = [];

    public Guid? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
