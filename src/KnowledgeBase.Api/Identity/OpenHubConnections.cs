using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace KnowledgeBase.Api.Identity;

/// <summary>
/// The hub connections open on this replica, by hub. SignalR keeps no such list one can act on: this one lets
/// the server reach exactly its own connections (progress to the current admins, once each, even with the Redis
/// backplane relaying every other send) and abort the ones whose principal lost its access.
/// </summary>
public sealed class OpenHubConnections
{
    private readonly ConcurrentDictionary<string, Connection> connections = new();

    public sealed record Connection(Type Hub, HubCallerContext Context)
    {
        public Guid? UserId => Context.User?.UserId();
    }

    public int Count => connections.Count;

    public Connection Add(Type hub, HubCallerContext context) => connections[context.ConnectionId] = new Connection(hub, context);

    public void Remove(string connectionId) => connections.TryRemove(connectionId, out _);

    public IEnumerable<Connection> Of<THub>()
        where THub : Hub => connections.Values.Where(c => c.Hub == typeof(THub));

    /// <summary>The connections of one user (all hubs), or of every user when <paramref name="userId"/> is null.</summary>
    public IEnumerable<Connection> OfUser(Guid? userId) =>
        connections.Values.Where(c => c.UserId is { } id && (userId is null || id == userId));
}

/// <summary>Keeps <see cref="OpenHubConnections"/> up to date for every hub.</summary>
public sealed class OpenHubConnectionsFilter(OpenHubConnections connections, IServiceProvider services) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var connection = connections.Add(context.Hub.GetType(), context.Context);
        // The client may already be told it is connected: an access change announced before the line above missed
        // this connection, so check once now (AccessChangeRelay forgets the cached access before it looks).
        if (await HubAccessCheck.CheckAsync(connection, services, context.Context.ConnectionAborted) == HubAccessVerdict.Lost)
        {
            context.Context.Abort();
            return;
        }

        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        connections.Remove(context.Context.ConnectionId);
        await next(context, exception);
    }
}
