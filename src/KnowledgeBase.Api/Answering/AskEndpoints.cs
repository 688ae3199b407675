using System.Net.ServerSentEvents;
using KnowledgeBase.Api.Conversations;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Api.RateLimiting;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Conversations;

namespace KnowledgeBase.Api.Answering;

/// <summary>HTTP answering for service clients: the whole answer as JSON, or the hub's events as server-sent events.</summary>
public static class AskEndpoints
{
    /// <summary><c>guardrail</c> is the strongest guardrail action (none, flagged, redacted, blocked); <c>guardrails</c> what each rule did.</summary>
    public sealed record AskResponse(
        string Answer, IReadOnlyList<Citation> Citations, IReadOnlyList<int> CitedNumbers, string Mode, string Model,
        long LatencyMs, bool CacheHit, TokenUsage Usage, decimal Cost, bool FallbackUsed, Guid? ConversationId, Guid? MessageId,
        string Guardrail, IReadOnlyList<GuardrailEvent> Guardrails);

    public static void MapAskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ask").WithTags("Answering").RequireAuthorization(Policies.Ask).RequireAskRateLimit();
        group.MapPost("/", AskAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/stream", StreamAsync).Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> AskAsync(AskRequest request, HttpContext http, ConversationService conversations, CancellationToken cancellationToken)
    {
        var (admitted, refusal) = await conversations.AdmitAsync(request, http.User.ToAsker(), http.User.ToAccessScope(request.Collection), null, cancellationToken);
        if (admitted is null)
        {
            return refusal!.ToProblem(http.Response);
        }

        var answer = await CollectedAnswer.CollectAsync(
            conversations.AnswerAsync(admitted, http.User.ToAccessScope(request.Collection), cancellationToken), cancellationToken);
        return answer.Done is { } d
            ? TypedResults.Ok(new AskResponse(
                answer.Text, answer.Citations, d.CitedNumbers, d.Mode, d.Model, d.LatencyMs, d.CacheHit, d.Usage, d.Cost, d.FallbackUsed,
                d.ConversationId, d.MessageId, d.Guardrail, answer.Guardrails ?? []))
            : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Answering failed", detail: answer.Error?.Message);
    }

    /// <summary>Every check happens before the stream starts, so a refusal is a plain status code, not an event.</summary>
    private static async Task<IResult> StreamAsync(AskRequest request, HttpContext http, ConversationService conversations, CancellationToken cancellationToken)
    {
        var (admitted, refusal) = await conversations.AdmitAsync(request, http.User.ToAsker(), http.User.ToAccessScope(request.Collection), null, cancellationToken);
        return admitted is null
            ? refusal!.ToProblem(http.Response)
            : TypedResults.ServerSentEvents(Events(conversations.AnswerAsync(admitted, http.User.ToAccessScope(request.Collection), cancellationToken)));
    }

    // Serialized as object so each event writes its own properties, not only the base type's.
    private static async IAsyncEnumerable<SseItem<object>> Events(IAsyncEnumerable<ChatEvent> events)
    {
        await foreach (var e in events)
        {
            yield return new SseItem<object>(e, e.Type);
        }
    }
}
