using static KnowledgeBase.Api.OpenAi.OpenAiWire;

namespace KnowledgeBase.Api.OpenAi;

/// <summary>OpenAI's error JSON, which OpenAI clients parse, for every refusal under <c>/v1</c>.</summary>
public static class OpenAiErrors
{
    public static bool Applies(HttpRequest request) => request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);

    public static IResult Result(int status, string message, string? param = null, string? code = null) =>
        Results.Json(Body(status, message, param, code), Json, statusCode: status);

    public static Task Write(HttpContext http, int status, string message, string? param, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(Body(status, message, param, null), Json, cancellationToken);
    }

    private static ErrorResponse Body(int status, string message, string? param, string? code) =>
        new(new ErrorBody(message, status >= 500 ? "server_error" : "invalid_request_error", param, code ?? DefaultCode(status)));

    private static string DefaultCode(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "invalid_api_key",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        _ => "invalid_request",
    };
}
