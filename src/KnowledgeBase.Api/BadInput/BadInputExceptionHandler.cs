using KnowledgeBase.Api.OpenAi;
using Microsoft.AspNetCore.Diagnostics;

namespace KnowledgeBase.Api.BadInput;

/// <summary>
/// The framework's binding failures (malformed JSON, wrong types, bad ids, a missing body, a wrong content type)
/// become a 4xx whose detail names the field: a problem document, or OpenAI's error JSON under <c>/v1</c>.
/// Other exceptions are left to the next handler.
/// </summary>
public sealed partial class BadInputExceptionHandler(IProblemDetailsService problems, ILogger<BadInputExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var http = httpContext;
        if (exception is not BadHttpRequestException bad || http.Response.HasStarted)
        {
            return false;
        }

        var detail = BadRequestDetail.From(bad);
        LogRefused(logger, detail.Status, http.Request.Method, http.Request.Path, detail.Field);
        http.Response.StatusCode = detail.Status;
        if (OpenAiErrors.Applies(http.Request))
        {
            await OpenAiErrors.Write(http, detail.Status, detail.Message, detail.Field, cancellationToken);
            return true;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = detail.Status,
                Title = "Bad request",
                Detail = detail.Message,
                Extensions = detail.Field is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["field"] = detail.Field },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a bad request with {Status}: {Method} {Path} (field {Field})")]
    private static partial void LogRefused(ILogger logger, int status, string method, string path, string? field);
}
