using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Streaming;

/// <summary>
/// Writes items as server-sent events, with a <c>: keep-alive</c> comment whenever nothing was written for
/// <see cref="StreamingOptions.KeepAliveSeconds"/>. The response starts with the first event (or the first
/// keep-alive): a failure before that goes up as an exception, so it can still become a status code (a 503
/// while the database is down); a failure after it ends the stream with the events <c>onFailure</c> makes.
/// </summary>
public sealed class EventStreamResult<T>(
    IAsyncEnumerable<T> items, Func<T, string?> eventName, Func<T, string> data, Func<Exception, IEnumerable<T>> onFailure) : IResult
{
    private static ReadOnlySpan<byte> KeepAlive => ": keep-alive\n\n"u8;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var aborted = httpContext.RequestAborted;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        // nginx and similar proxies pass events through as they come instead of buffering them.
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        var services = httpContext.RequestServices;
        var every = TimeSpan.FromSeconds(services.GetRequiredService<IOptions<StreamingOptions>>().Value.KeepAliveSeconds);
        await using var writer = new Writer(response.BodyWriter, services.GetRequiredService<TimeProvider>(), every, aborted);
        await using var source = items.GetAsyncEnumerator(aborted);
        while (true)
        {
            try
            {
                if (!await source.MoveNextAsync())
                {
                    return;
                }
            }
            catch (Exception e) when (response.HasStarted && !aborted.IsCancellationRequested)
            {
                foreach (var item in onFailure(e))
                {
                    await writer.WriteAsync(eventName(item), data(item));
                }

                return;
            }

            await writer.WriteAsync(eventName(source.Current), data(source.Current));
        }
    }

    /// <summary>One response's writes: events from the stream, comments from a timer, never at the same time.</summary>
    private sealed class Writer : IAsyncDisposable
    {
        private readonly PipeWriterAdapter output;
        private readonly TimeProvider time;
        private readonly TimeSpan every;
        private readonly CancellationToken aborted;
        private readonly SemaphoreSlim gate = new(1, 1);
        private readonly ITimer timer;
        private long lastWrite;
        private bool closed;

        public Writer(System.IO.Pipelines.PipeWriter output, TimeProvider time, TimeSpan every, CancellationToken aborted)
        {
            this.output = new PipeWriterAdapter(output);
            this.time = time;
            this.every = every;
            this.aborted = aborted;
            lastWrite = time.GetTimestamp();
            timer = time.CreateTimer(static state => _ = ((Writer)state!).KeepAliveAsync(), this, every, every);
        }

        public async Task WriteAsync(string? name, string data)
        {
            await gate.WaitAsync(aborted);
            try
            {
                if (name is not null)
                {
                    output.Write("event: ");
                    output.Write(name);
                    output.Write("\n");
                }

                // A line break inside the data would end the field: each line gets its own "data:".
                output.Write("data: ");
                output.Write(data.Contains('\n', StringComparison.Ordinal) ? data.Replace("\n", "\ndata: ", StringComparison.Ordinal) : data);
                output.Write("\n\n");
                await output.FlushAsync(aborted);
                Volatile.Write(ref lastWrite, time.GetTimestamp());
            }
            finally
            {
                gate.Release();
            }
        }

        private async Task KeepAliveAsync()
        {
            // Busy writing an event: that is as good as a comment.
            if (!gate.Wait(0))
            {
                return;
            }

            try
            {
                if (!closed && time.GetElapsedTime(Volatile.Read(ref lastWrite)) >= every * 0.9)
                {
                    output.Write(KeepAlive);
                    await output.FlushAsync(aborted);
                    Volatile.Write(ref lastWrite, time.GetTimestamp());
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The client left; the stream's reader notices through the aborted token.
            }
            finally
            {
                gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            await timer.DisposeAsync();
            // Wait for a keep-alive in flight: nothing may write once the response is complete.
            await gate.WaitAsync(CancellationToken.None);
            closed = true;
            gate.Release();
            gate.Dispose();
        }
    }

    /// <summary>UTF-8 text straight into the response's pipe.</summary>
    private readonly struct PipeWriterAdapter(System.IO.Pipelines.PipeWriter pipe)
    {
        public void Write(string text) => Encoding.UTF8.GetBytes(text, pipe);

        public void Write(ReadOnlySpan<byte> bytes) => pipe.Write(bytes);

        public ValueTask<System.IO.Pipelines.FlushResult> FlushAsync(CancellationToken cancellationToken) => pipe.FlushAsync(cancellationToken);
    }
}
