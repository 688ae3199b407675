using Npgsql;

namespace KnowledgeBase.Infrastructure.Data;

/// <summary>
/// Holds a connection that LISTENs on one channel and hands every NOTIFY payload to a callback
/// until cancelled, reconnecting after a delay when the connection drops. Callers must not rely
/// on it alone (a notification sent while reconnecting is lost): they poll as well.
/// </summary>
public static class PostgresListener
{
    public static async Task ListenAsync(
        NpgsqlDataSource dataSource,
        string channel,
        Action<string> onNotification,
        Action<Exception> onError,
        TimeSpan reconnectDelay,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, e) => onNotification(e.Payload);
                // Channel names are constants of ours, never user input.
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                while (!cancellationToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                onError(e);
                await Task.Delay(reconnectDelay, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
