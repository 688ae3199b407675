using KnowledgeBase.Infrastructure.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.SignalR;

namespace KnowledgeBase.Api.Resilience;

public static class ResilienceSetup
{
    /// <summary>
    /// Database outages become 503 + Retry-After (HTTP) or an <c>error</c> event (hub). Call before any other hub
    /// filter is added, so this one wraps them.
    /// </summary>
    public static IServiceCollection AddDatabaseOutageHandling(this IServiceCollection services)
    {
        services.AddExceptionHandler<DatabaseOutageHandler>();
        // The handler logs one line per outage request; the middleware's own error log with a stack trace would repeat it.
        services.Configure<ExceptionHandlerOptions>(o => o.SuppressDiagnosticsCallback = c =>
            c.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService && DatabaseOutage.IsOutage(c.Exception));
        services.Configure<HubOptions>(hubs => hubs.AddFilter<DatabaseOutageHubFilter>());
        return services;
    }
}
