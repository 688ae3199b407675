using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Identity;

public sealed record GroupSummary(string Name, string? Description, int Members, int Documents);

/// <summary>Access groups: listed with their member and document counts; one still used by a document cannot be deleted.</summary>
public sealed class GroupDirectory(KnowledgeBaseDbContext db, UserAccessCache cache, TimeProvider time)
{
    public async Task<IReadOnlyList<GroupSummary>> ListAsync(CancellationToken cancellationToken) =>
        await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new GroupSummary(
            g.Name,
            g.Description,
            db.UserGroups.Count(m => m.GroupName == g.Name),
            db.Documents.Count(d => d.AccessGroups.Contains(g.Name)))).ToListAsync(cancellationToken);

    public async Task<GroupSummary> CreateAsync(string name, string? description, CancellationToken cancellationToken)
    {
        var validName = GroupNames.Validate([name]).Single();
        if (description is { Length: > 500 })
        {
            throw new AccountException(AccountError.Invalid, "'description' is at most 500 characters.");
        }

        if (await db.Groups.AnyAsync(g => g.Name == validName, cancellationToken))
        {
            throw new AccountException(AccountError.Conflict, $"The group '{validName}' already exists.");
        }

        db.Groups.Add(new Group { Name = validName, Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(), CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return new GroupSummary(validName, description, 0, await db.Documents.CountAsync(d => d.AccessGroups.Contains(validName), cancellationToken));
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var documents = await db.Documents.CountAsync(d => d.AccessGroups.Contains(name), cancellationToken);
        if (documents > 0)
        {
            throw new AccountException(AccountError.Conflict, $"{documents} document(s) still use the group '{name}'; change their groups first.");
        }

        if (await db.Groups.Where(g => g.Name == name).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw new AccountException(AccountError.NotFound, $"There is no group '{name}'.");
        }

        // Its members lost it (cascade): every cached principal may be stale.
        await cache.ChangedAsync(null, cancellationToken);
    }
}
