namespace KnowledgeBase.Infrastructure.Data;

/// <summary>
/// The hand-written SQL (search, queue) runs outside EF's execution strategy: a read that is safe to repeat
/// goes through here, so a blip or a restarted server's dead pooled connection costs a retry, not an error.
/// </summary>
public static class DatabaseRetry
{
    public static async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, DatabaseOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await read(cancellationToken);
            }
            catch (Exception e) when (attempt < options.CommandRetries && DatabaseOutage.IsOutage(e) && !cancellationToken.IsCancellationRequested)
            {
                // The first retry at once (a dead pooled connection is already discarded), then growing waits.
                var delay = Math.Min(options.CommandRetryMaxDelayMilliseconds, attempt == 0 ? 0 : 250 << attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(delay), time, cancellationToken);
            }
        }
    }
}
