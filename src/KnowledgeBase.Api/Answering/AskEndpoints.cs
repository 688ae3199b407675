using System.Net.ServerSentEvents;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Answering;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.Answering;

/// <summary>HTTP answering for service clients: the whole answer as JSON, or the hub's events as server-sent events.</summary>
public static class AskEndpoints
{
    public const string RateLimitPolicy = "ask";

    public sealed record AskResponse(
        string Answer, IReadOnlyList<Citation> Citations, IReadOnlyList<int> CitedNumbers, string Mode, string Model,
        long LatencyMs, bool CacheHit, TokenUsage Usage, decimal Cost);

    public static void MapAskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ask").WithTags("Answering").RequireAuthorization(Policies.Ask).RequireRateLimiting(RateLimitPolicy);
        group.MapPost("/", AskAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/stream", Stream).Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> AskAsync(AskRequest request, HttpContext http, AskService ask, CancellationToken cancellationToken)
    {
        if (request.Problem() is { } problem)
        {
            return BadQuestion(problem);
        }

        var answer = await CollectedAnswer.CollectAsync(ask.AskAsync(request, http.User.ToAccessScope(request.Collection), AskContext.None, cancellationToken), cancellationToken);
        return answer.Done is { } d
            ? TypedResults.Ok(new AskResponse(answer.Text, answer.Citations, d.CitedNumbers, d.Mode, d.Model, d.LatencyMs, d.CacheHit, d.Usage, d.Cost))
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Answering failed", detail: answer.Error?.Message);
    }

    /// <summary>Validation happens before the stream starts, so a bad request is a plain 400, not an event.</summary>
    private static IResult Stream(AskRequest request, HttpContext http, AskService ask, CancellationToken cancellationToken) =>
        request.Problem() is { } problem
            ? BadQuestion(problem)
            : (IResult)TypedResults.ServerSentEvents(Events(ask.AskAsync(request, http.User.ToAccessScope(request.Collection), AskContext.None, cancellationToken)));

    // Serialized as object so each event writes its own properties, not only the base type's.
    private static async IAsyncEnumerable<SseItem<object>> Events(IAsyncEnumerable<ChatEvent> events)
    {
        await foreach (var e in events)
        {
            yield return new SseItem<object>(e, e.Type);
        }
    }

    private static ProblemHttpResult BadQuestion(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad question", detail: detail);
}
