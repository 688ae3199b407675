using KnowledgeBase.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>Creates, finds and revokes API keys. A revoked key fails at its next request (no cache).</summary>
public sealed class ApiKeyStore(KnowledgeBaseDbContext db, TimeProvider time)
{
    /// <summary><c>last_used_at</c> is written at most this often per key, not on every request.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Returns the key row and the key itself, which is never stored and shown only this once.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string name, IReadOnlyList<string> scopes, IReadOnlyList<string> groups, Guid? createdBy, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
        {
            throw new AccountException(AccountError.Invalid, "'name' is required and at most 200 characters.");
        }

        var unknownScopes = scopes.Where(s => !ApiKeyScopes.All.Contains(s)).ToList();
        if (scopes.Count == 0 || unknownScopes.Count > 0)
        {
            throw new AccountException(AccountError.Invalid, $"'scopes' must list one or more of: {string.Join(", ", ApiKeyScopes.All)}.");
        }

        var groupNames = GroupNames.Validate(groups);
        if (scopes.Contains(ApiKeyScopes.Documents) && groupNames.Count > 0)
        {
            // Document management is admin work by design: such a key sees every document, so groups would only mislead.
            throw new AccountException(AccountError.Invalid,
                "A key with the 'documents' scope manages every document (as an admin does), so it cannot be limited to groups: create it without 'groups', and use a separate key with groups for 'ask'/'search'.");
        }

        var existing = await db.Groups.Where(g => groupNames.Contains(g.Name)).Select(g => g.Name).ToListAsync(cancellationToken);
        if (groupNames.Except(existing).ToList() is { Count: > 0 } missing)
        {
            throw new AccountException(AccountError.Invalid, $"Unknown group(s): {string.Join(", ", missing)}. Create the group first, then choose it.");
        }

        var secret = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Name = name.Trim(),
            Prefix = ApiKeySecret.Prefix(secret),
            KeyHash = ApiKeySecret.Hash(secret),
            Scopes = [.. scopes.Distinct()],
            Groups = [.. groupNames],
            CreatedBy = createdBy,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return (key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListActiveAsync(CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.RevokedAt == null).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>False when there is no such active key.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken) =>
        await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, time.GetUtcNow()), cancellationToken) > 0;

    public Task<bool> IsActiveAsync(Guid id, CancellationToken cancellationToken) =>
        db.ApiKeys.AnyAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);

    /// <summary>The active key with this secret, or null (unknown or revoked); records its use.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecret.Hash(secret);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        var outcome = key is null ? "unknown" : key.RevokedAt is null ? "accepted" : "revoked";
        IdentityMetrics.ApiKeyRequests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        if (key is null || key.RevokedAt is not null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > TouchInterval)
        {
            var staleBefore = now - TouchInterval;
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt < staleBefore))
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.LastUsedAt, now), cancellationToken);
        }

        return key;
    }
}
