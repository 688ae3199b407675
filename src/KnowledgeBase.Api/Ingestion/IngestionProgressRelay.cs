using System.Text.Json;
using System.Threading.Channels;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace KnowledgeBase.Api.Ingestion;

/// <summary>
/// Relays the workers' progress notifications (LISTEN <see cref="NotifyChannels.Progress"/>) to the admins connected to this
/// replica's ingestion hub, so progress reaches admins the same way whether the worker runs in this process or
/// another, and on every replica exactly once (each replica serves its own connections; no broadcast through the
/// backplane). Before each message the recipients' access is re-checked: a connection whose user is no longer an
/// admin is closed instead of being sent file names.
/// </summary>
public sealed partial class IngestionProgressRelay(
    NpgsqlDataSource dataSource,
    IHubContext<IngestionHub> hub,
    OpenHubConnections connections,
    IServiceProvider services,
    TimeProvider time,
    ILogger<IngestionProgressRelay> logger) : BackgroundService
{
    // One reader keeps the messages of a job in their order.
    private readonly Channel<string> payloads = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            PostgresListener.ListenAsync(
                dataSource, NotifyChannels.Progress,
                payload => payloads.Writer.TryWrite(payload),
                LogRelayError, TimeSpan.FromSeconds(2), time, stoppingToken),
            SendAllAsync(stoppingToken));

    private async Task SendAllAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var payload in payloads.Reader.ReadAllAsync(cancellationToken))
            {
                await SendAsync(payload, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(string payload, CancellationToken cancellationToken)
    {
        try
        {
            if (JsonSerializer.Deserialize<IngestionProgressMessage>(payload, IngestionProgressMessage.JsonOptions) is not { } message)
            {
                return;
            }

            foreach (var connection in connections.Of<IngestionHub>().ToList())
            {
                if (await HubAccessCheck.CheckAsync(connection, services, cancellationToken) == HubAccessVerdict.Lost)
                {
                    connection.Context.Abort();
                }
                else
                {
                    // One connection at a time: the backplane delivers a local connection's message directly (no
                    // Redis round trip), so progress keeps flowing while Redis is down.
                    await hub.Clients.Client(connection.Context.ConnectionId).SendAsync(IngestionHub.ProgressMethod, message, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRelayError(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion progress relay failed (connection lost or bad payload)")]
    private partial void LogRelayError(Exception e);
}
