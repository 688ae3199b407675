using System.Runtime.CompilerServices;
using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Infrastructure.Answering;

public static class ChatEventStreams
{
    /// <summary>
    /// Passes <paramref name="events"/> through; when the source throws, the stream ends with the error event
    /// <paramref name="toError"/> makes of the exception (null: the exception goes up unchanged). A cancelled
    /// reader ends the stream quietly.
    /// </summary>
    public static async IAsyncEnumerable<ChatEvent> EndWithErrorAsync(
        IAsyncEnumerable<ChatEvent> events, Func<Exception, ErrorEvent?> toError, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var source = events.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ErrorEvent? error;
            try
            {
                if (!await source.MoveNextAsync())
                {
                    yield break;
                }

                error = null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            catch (Exception e) when (toError(e) is { } mapped)
            {
                error = mapped;
            }

            if (error is not null)
            {
                yield return error;
                yield break;
            }

            yield return source.Current;
        }
    }
}
