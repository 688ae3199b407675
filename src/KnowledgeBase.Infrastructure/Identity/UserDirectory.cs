using KnowledgeBase.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>Creates users and checks passwords (PBKDF2 through ASP.NET Core's password hasher).</summary>
public sealed class UserDirectory(KnowledgeBaseDbContext db, TimeProvider time)
{
    private static readonly PasswordHasher<User> Hasher = new();

    public async Task<User> AddOrUpdateAsync(string email, string password, string role, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        if (!Roles.IsValid(role))
        {
            throw new ArgumentException($"Unknown role '{role}'; use '{Roles.Admin}' or '{Roles.Employee}'.", nameof(role));
        }

        if (password.Length < 8)
        {
            throw new ArgumentException("The password must have at least 8 characters.", nameof(password));
        }

        var normalized = Normalize(email);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null)
        {
            user = new User { Id = Guid.CreateVersion7(time.GetUtcNow()), Email = normalized, PasswordHash = string.Empty, Role = role, CreatedAt = time.GetUtcNow() };
            db.Users.Add(user);
        }

        user.Role = role;
        user.Groups = [.. groups.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct()];
        user.PasswordHash = Hasher.HashPassword(user, password);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public async Task<User?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = Normalize(email);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null)
        {
            // Same work whether or not the user exists, so timing does not reveal accounts.
            Hasher.VerifyHashedPassword(new User { Email = normalized, PasswordHash = string.Empty, Role = Roles.Employee }, DummyHash, password);
            return null;
        }

        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    private static readonly string DummyHash = Hasher.HashPassword(new User { Email = "x", PasswordHash = string.Empty, Role = Roles.Employee }, Guid.NewGuid().ToString());

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
