using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.SignalR;

namespace KnowledgeBase.Api.Identity;

/// <summary>
/// A hub connection authenticates once, but lives for hours: before every hub method this re-reads
/// the caller's role and groups (as a cookie request would), and ends a deleted user's or revoked
/// key's calls.
/// </summary>
public sealed class FreshPrincipalHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        await RefreshAsync(invocationContext.Context, invocationContext.ServiceProvider);
        return await next(invocationContext);
    }

    private static async Task RefreshAsync(HubCallerContext context, IServiceProvider services)
    {
        var user = context.User;
        if (user?.IsApiKey() == true)
        {
            if (user.ApiKeyId() is not { } keyId || !await services.GetRequiredService<ApiKeyStore>().IsActiveAsync(keyId, context.ConnectionAborted))
            {
                throw new HubException("This API key has been revoked.");
            }

            return;
        }

        var access = await SessionValidation.CurrentAsync(user, services, context.ConnectionAborted)
            ?? throw new HubException("Your session has ended; sign in again.");
        if (context.Features.Get<IConnectionUserFeature>() is { } feature)
        {
            feature.User = Principals.ForUser(access);
        }
    }
}
