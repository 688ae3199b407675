using System.Text.Json;
using KnowledgeBase.Infrastructure.Ingestion.Queue;
using Microsoft.AspNetCore.SignalR;
using Npgsql;

namespace KnowledgeBase.Api.Ingestion;

/// <summary>
/// Relays the workers' progress notifications (LISTEN kb_ingestion_progress) to the ingestion hub,
/// so progress reaches admins the same way whether the worker runs in this process or another.
/// </summary>
public sealed partial class IngestionProgressRelay(
    NpgsqlDataSource dataSource,
    IHubContext<IngestionHub> hub,
    TimeProvider time,
    ILogger<IngestionProgressRelay> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    var message = JsonSerializer.Deserialize<IngestionProgressMessage>(e.Payload, IngestionProgressMessage.JsonOptions);
                    if (message is not null)
                    {
                        _ = hub.Clients.All.SendAsync(IngestionHub.ProgressMethod, message, stoppingToken);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {JobQueue.ProgressChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or JsonException or InvalidOperationException)
            {
                LogRelayError(e);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion progress relay lost its connection; reconnecting")]
    private partial void LogRelayError(Exception e);
}
