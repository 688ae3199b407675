using System.Globalization;
using KnowledgeBase.Api.OpenAi;
using KnowledgeBase.Infrastructure.Data;

namespace KnowledgeBase.Api.Resilience;

/// <summary>What an HTTP caller gets while the database is unavailable: 503, Retry-After and a plain message.</summary>
public static class DatabaseOutageResults
{
    /// <summary>A problem (or OpenAI's error JSON under <c>/v1/</c>) with the Retry-After header set on <paramref name="http"/>'s response.</summary>
    public static IResult For(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return OpenAiErrors.Applies(http.Request)
            ? OpenAiErrors.Result(StatusCodes.Status503ServiceUnavailable, DatabaseOutage.Message, code: "service_unavailable")
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: DatabaseOutage.Message);
    }
}
