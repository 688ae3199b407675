using System.Text.Json;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace KnowledgeBase.Api.Ingestion;

/// <summary>
/// Relays the workers' progress notifications (LISTEN <see cref="NotifyChannels.Progress"/>) to the ingestion hub,
/// so progress reaches admins the same way whether the worker runs in this process or another.
/// </summary>
public sealed partial class IngestionProgressRelay(
    NpgsqlDataSource dataSource,
    IHubContext<IngestionHub> hub,
    TimeProvider time,
    ILogger<IngestionProgressRelay> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PostgresListener.ListenAsync(
            dataSource, NotifyChannels.Progress,
            payload => Relay(payload, stoppingToken),
            LogRelayError, TimeSpan.FromSeconds(2), time, stoppingToken);

    private void Relay(string payload, CancellationToken cancellationToken)
    {
        try
        {
            if (JsonSerializer.Deserialize<IngestionProgressMessage>(payload, IngestionProgressMessage.JsonOptions) is { } message)
            {
                _ = hub.Clients.All.SendAsync(IngestionHub.ProgressMethod, message, cancellationToken);
            }
        }
        catch (JsonException e)
        {
            LogRelayError(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion progress relay failed (connection lost or bad payload)")]
    private partial void LogRelayError(Exception e);
}
