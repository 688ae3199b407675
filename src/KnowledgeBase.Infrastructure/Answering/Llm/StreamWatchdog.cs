namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// Cancels a model stream that goes quiet: no first token within <c>firstToken</c>, then no chunk
/// for <c>idle</c>. One timer per stream that re-arms itself when it fires early: a chunk only
/// records the time, so a fast stream costs no timer work (and no timer-queue lock) per chunk.
/// </summary>
internal sealed class StreamWatchdog : IDisposable
{
    private readonly TimeProvider time;
    private readonly TimeSpan idle;
    private readonly ITimer timer;

    // Not disposed: it owns no timer or wait handle, and the timer callback may still be cancelling
    // it while the stream ends.
    private readonly CancellationTokenSource expired = new();
    private long lastChunk;
    private volatile bool started;

    public StreamWatchdog(TimeProvider time, TimeSpan firstToken, TimeSpan idle)
    {
        this.time = time;
        this.idle = idle;
        timer = time.CreateTimer(static state => ((StreamWatchdog)state!).Check(), this, firstToken, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancelled when the stream went quiet for too long.</summary>
    public CancellationToken Token => expired.Token;

    public bool Expired => expired.IsCancellationRequested;

    /// <summary>A chunk arrived: the idle time starts again.</summary>
    public void Chunk()
    {
        Volatile.Write(ref lastChunk, time.GetTimestamp());
        if (!started)
        {
            // From the first token on, the deadline is the (usually shorter) idle time.
            started = true;
            timer.Change(idle, Timeout.InfiniteTimeSpan);
        }
    }

    private void Check()
    {
        if (started)
        {
            var left = idle - time.GetElapsedTime(Volatile.Read(ref lastChunk));
            if (left > TimeSpan.Zero)
            {
                timer.Change(left, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        expired.Cancel();
    }

    public void Dispose() => timer.Dispose();
}
