namespace KnowledgeBase.Infrastructure.Data;

public sealed class User
{
    public Guid Id { get; set; }
    /// <summary>Stored lower-case; sign-in compares lower-case.</summary>
    public required string Email { get; set; }
    public required string PasswordHash { get; set; }
    public required string Role { get; set; }
    public string[] Groups { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
