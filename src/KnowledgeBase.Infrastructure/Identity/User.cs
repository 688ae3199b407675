using Microsoft.AspNetCore.Identity;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>A person who signs in (password or OpenID Connect); the email is also the user name.</summary>
public sealed class User : IdentityUser<Guid>
{
    /// <summary>The columns' sizes (Identity's email column, ours for the name), checked before saving.</summary>
    public const int MaxEmailLength = 256;

    public const int MaxDisplayNameLength = 200;

    /// <summary>Long enough for any passphrase; bounds the hashing work one request can ask for.</summary>
    public const int MaxPasswordLength = 1024;

    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
