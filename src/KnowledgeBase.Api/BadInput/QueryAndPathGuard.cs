using KnowledgeBase.Api.OpenAi;

namespace KnowledgeBase.Api.BadInput;

/// <summary>
/// Query strings and path segments get the same <see cref="TextRules"/> as JSON strings (a <c>%00</c> in
/// <c>?q=</c> would otherwise reach PostgreSQL), refused with a 400 naming the parameter before any endpoint runs.
/// </summary>
public sealed class QueryAndPathGuard(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (Problem(http.Request) is not { } bad)
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (OpenAiErrors.Applies(http.Request))
        {
            await OpenAiErrors.Write(http, StatusCodes.Status400BadRequest, bad.Message, bad.Field, http.RequestAborted);
            return;
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = bad.Message, Extensions = { ["field"] = bad.Field } },
        });
    }

    private static BadRequestDetail.Detail? Problem(HttpRequest request)
    {
        if (TextRules.Problem(request.Path.Value ?? string.Empty) is { } pathProblem)
        {
            return new(StatusCodes.Status400BadRequest, $"The path {pathProblem}.", "path");
        }

        foreach (var (name, values) in request.Query)
        {
            if (TextRules.Problem(name) is not null)
            {
                return new(StatusCodes.Status400BadRequest, "A query parameter's name is not valid text.", null);
            }

            foreach (var value in values)
            {
                if (value is not null && TextRules.Problem(value) is { } problem)
                {
                    return new(StatusCodes.Status400BadRequest, $"The query parameter '{name}' {problem}.", name);
                }
            }
        }

        return null;
    }
}
