using KnowledgeBase.Api.Answering;
using KnowledgeBase.Api.Ingestion;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace KnowledgeBase.Api.Identity;

/// <summary>
/// Applies access changes made anywhere (this replica, another one, `kb users`) to this replica at once: the
/// user's cached access is forgotten, and each of their open hub connections is closed when it lost its access
/// (a demoted admin's ingestion connection, a deleted user's every connection) or told <c>accessChanged</c>
/// (reconnect to pick up new groups).
/// </summary>
public sealed partial class AccessChangeRelay(
    NpgsqlDataSource dataSource,
    UserAccessCache cache,
    OpenHubConnections connections,
    IHubContext<ChatHub> chat,
    IHubContext<IngestionHub> ingestion,
    IServiceProvider services,
    TimeProvider time,
    ILogger<AccessChangeRelay> logger) : BackgroundService
{
    public const string AccessChangedMethod = "accessChanged";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PostgresListener.ListenAsync(
            dataSource, UserAccessCache.ChangesChannel,
            payload => _ = ApplyAsync(payload, stoppingToken),
            LogListenError, TimeSpan.FromSeconds(2), time, stoppingToken);

    private async Task ApplyAsync(string payload, CancellationToken cancellationToken)
    {
        Guid? userId = Guid.TryParse(payload, out var id) ? id : null;
        if (userId is { } one)
        {
            cache.Forget(one);
        }
        else
        {
            cache.ForgetAll();
        }

        foreach (var connection in connections.OfUser(userId).ToList())
        {
            try
            {
                switch (await HubAccessCheck.CheckAsync(connection, services, cancellationToken))
                {
                    case HubAccessVerdict.Lost:
                        LogClosed(connection.Hub.Name);
                        connection.Context.Abort();
                        break;
                    case HubAccessVerdict.Changed:
                        var clients = connection.Hub == typeof(IngestionHub) ? ingestion.Clients : chat.Clients;
                        await clients.Client(connection.Context.ConnectionId).SendAsync(AccessChangedMethod, cancellationToken);
                        break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogListenError(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed a {Hub} connection whose user lost access")]
    private partial void LogClosed(string hub);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access-change relay failed (connection lost or database unavailable)")]
    private partial void LogListenError(Exception e);
}
