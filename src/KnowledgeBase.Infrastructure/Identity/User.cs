using Microsoft.AspNetCore.Identity;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>A person who signs in (password or OpenID Connect); the email is also the user name.</summary>
public sealed class User : IdentityUser<Guid>
{
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
