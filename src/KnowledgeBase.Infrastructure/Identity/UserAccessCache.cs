using System.Collections.Concurrent;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Identity;

/// <summary>
/// Each request's role and groups come from here, so a removed group stops granting access at the
/// user's next request: changes made through <see cref="UserDirectory"/> evict the entry at once, and
/// entries expire after <see cref="IdentitySettings.PrincipalCacheSeconds"/> for changes made by
/// another process. The cache saves the database one query per request, nothing more.
/// </summary>
public sealed class UserAccessCache(IServiceScopeFactory scopes, IOptions<IdentitySettings> settings, TimeProvider time)
{
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

    private sealed record Entry(UserAccess? Access, DateTimeOffset LoadedAt);
}
