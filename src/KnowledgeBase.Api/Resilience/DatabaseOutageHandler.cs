using KnowledgeBase.Infrastructure.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Resilience;

/// <summary>
/// Any request that fails because the database is unavailable — in the sign-in checks (API-key lookup, cookie
/// session validation), admission, an endpoint or an upload — answers 503 with Retry-After instead of a 500.
/// Other failures are left to the default handler.
/// </summary>
internal sealed class DatabaseOutageHandler(IOptions<DatabaseOptions> options, ILogger<DatabaseOutageHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseOutage.IsOutage(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        // One line, not a stack trace per request: an outage is an operational event, not a bug.
        logger.LogWarning("Database unavailable; {Method} {Path} answered 503 ({Reason})",
            httpContext.Request.Method, httpContext.Request.Path.Value, exception.GetBaseException().Message);
        await DatabaseOutageResults.For(httpContext, options.Value.RetryAfterSeconds).ExecuteAsync(httpContext);
        return true;
    }
}
