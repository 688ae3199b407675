using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.SignalR;

namespace KnowledgeBase.Api.Identity;

/// <summary>
/// A hub connection authenticates once but lives for hours, and SignalR keeps the principal it had
/// at connect. Before every hub method this re-reads the caller's role and groups (as a cookie
/// request would): when they changed, or the user was deleted or the key revoked, every call is
/// refused until the client reconnects (a new connection carries the current access). Closing the
/// connection here would race the error message, so the client is told instead.
/// </summary>
public sealed partial class FreshPrincipalHubFilter(ILogger<FreshPrincipalHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        var problem = await StaleBecauseAsync(context, invocationContext.ServiceProvider);
        if (problem is null)
        {
            return await next(invocationContext);
        }

        // Expected, not a fault: one line at Information, and for an answer stream the usual error event.
        LogRefused(logger, invocationContext.HubMethodName, problem);
        return invocationContext.HubMethod.ReturnType == typeof(IAsyncEnumerable<ChatEvent>) ? OneError(problem) : throw new HubException(problem);
    }

    private static async IAsyncEnumerable<ChatEvent> OneError(string problem)
    {
        await Task.CompletedTask;
        yield return new ErrorEvent(problem);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused hub call {Method}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string reason);

    private static async Task<string?> StaleBecauseAsync(HubCallerContext context, IServiceProvider services)
    {
        var user = context.User;
        if (user?.IsApiKey() == true)
        {
            return user.ApiKeyId() is { } keyId && await services.GetRequiredService<ApiKeyStore>().IsActiveAsync(keyId, context.ConnectionAborted)
                ? null
                : "This API key has been revoked.";
        }

        var access = await SessionValidation.CurrentAsync(user, services, context.ConnectionAborted);
        if (access is null)
        {
            return "Your session has ended; sign in again.";
        }

        var current = user!;
        var unchanged = current.IsAdmin() == access.IsAdmin && current.Groups().Order(StringComparer.Ordinal).SequenceEqual(access.Groups.Order(StringComparer.Ordinal));
        return unchanged ? null : "Your access has changed; reconnect to continue.";
    }
}
