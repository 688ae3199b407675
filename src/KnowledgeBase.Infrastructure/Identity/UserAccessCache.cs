using System.Collections.Concurrent;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>
/// Each request's role and groups come from here, so a removed group stops granting access at the
/// user's next request: changes made through <see cref="UserDirectory"/> evict the entry at once, and
/// entries expire after <see cref="IdentitySettings.PrincipalCacheSeconds"/> for changes made by
/// another process. The cache saves the database one query per request, nothing more.
/// <see cref="ChangedAsync"/> also tells every other process (NOTIFY <see cref="ChangesChannel"/>), so API
/// replicas evict at once and close hub connections that lost their access.
/// </summary>
public sealed class UserAccessCache(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IOptions<IdentitySettings> settings, TimeProvider time)
{
    /// <summary>PostgreSQL channel whose payload is a changed user's id, or <see cref="EveryUser"/>.</summary>
    public const string ChangesChannel = "kb_access_changed";

    public const string EveryUser = "*";

    private readonly ConcurrentDictionary<Guid, Entry> entries = new();

    public async Task<UserAccess?> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (entries.TryGetValue(userId, out var entry) && now - entry.LoadedAt < TimeSpan.FromSeconds(settings.Value.PrincipalCacheSeconds))
        {
            return entry.Access;
        }

        await using var scope = scopes.CreateAsyncScope();
        var access = await UserDirectory.LoadAsync(scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>(), userId, cancellationToken);
        entries[userId] = new Entry(access, now);
        return access;
    }

    public void Forget(Guid userId) => entries.TryRemove(userId, out _);

    public void ForgetAll() => entries.Clear();

    /// <summary>
    /// A user's role, groups or sign-in changed (null: possibly everyone's): forgets it here and announces it to
    /// every process. Sent through PostgreSQL so that any process that changes access (API replica, `kb users`)
    /// reaches every replica, with or without Redis.
    /// </summary>
    public async Task ChangedAsync(Guid? userId, CancellationToken cancellationToken)
    {
        if (userId is { } id)
        {
            Forget(id);
        }
        else
        {
            ForgetAll();
        }

        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", ChangesChannel);
        command.Parameters.AddWithValue("payload", userId?.ToString() ?? EveryUser);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Entry(UserAccess? Access, DateTimeOffset LoadedAt);
}
