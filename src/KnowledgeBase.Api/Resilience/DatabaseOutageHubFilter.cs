using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Resilience;

/// <summary>
/// A hub call that hits an unavailable database before its stream starts (the per-call access re-check)
/// ends with the same plain message as HTTP's 503: a single <c>error</c> event for an answer stream, a
/// <see cref="HubException"/> for other methods. Registered first, so it wraps every other hub filter.
/// </summary>
internal sealed class DatabaseOutageHubFilter(IOptions<DatabaseOptions> options) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (DatabaseOutage.IsOutage(e))
        {
            if (invocationContext.HubMethod.ReturnType == typeof(IAsyncEnumerable<ChatEvent>))
            {
                return Single(DatabaseOutage.ErrorEvent(options.Value.RetryAfterSeconds));
            }

            throw new HubException(DatabaseOutage.Message);
        }
    }

    private static async IAsyncEnumerable<ChatEvent> Single(ChatEvent e)
    {
        await Task.CompletedTask;
        yield return e;
    }
}
