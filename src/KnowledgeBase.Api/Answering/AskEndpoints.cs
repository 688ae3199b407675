using System.Globalization;
using KnowledgeBase.Api.Caching;
using KnowledgeBase.Api.Conversations;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Api.RateLimiting;
using KnowledgeBase.Api.Streaming;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Conversations;

namespace KnowledgeBase.Api.Answering;

/// <summary>HTTP answering for service clients: the whole answer as JSON, or the hub's events as server-sent events.</summary>
public static class AskEndpoints
{
    /// <summary>
    /// The whole answer. <c>Notices</c> says what happened on the way (a retry, a fallback model); after a model
    /// failed mid-answer, <c>Answer</c> is the fallback's answer alone. <c>MessageId</c> is null when the database
    /// was unavailable (the answer is stored once it is back). <c>Truncated</c>: cut at <c>Llm:MaxOutputTokens</c>.
    /// <c>Guardrail</c> is the strongest guardrail action (none, flagged, redacted, blocked); <c>Guardrails</c> what each rule did.
    /// </summary>
    public sealed record AskResponse(
        string Answer, IReadOnlyList<Citation> Citations, IReadOnlyList<int> CitedNumbers, string Mode, string Model,
        long LatencyMs, bool CacheHit, TokenUsage Usage, decimal Cost, bool FallbackUsed, Guid? ConversationId, Guid? MessageId,
        IReadOnlyList<string> Notices, bool Truncated, string Guardrail, IReadOnlyList<GuardrailEvent> Guardrails, CacheInfo? Cache = null);

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
        request = request.WithCacheBypass(http);
        var (admitted, refusal) = await conversations.AdmitAsync(request, http.User.ToAsker(), http.User.ToAccessScope(request.Collection), null, cancellationToken);
        if (admitted is null)
        {
            return refusal!.ToProblem(http.Response);
        }

        var answer = await CollectedAnswer.CollectAsync(
            conversations.AnswerAsync(admitted, http.User.ToAccessScope(request.Collection), cancellationToken), cancellationToken);
        if (answer.Done is { } d)
        {
            return TypedResults.Ok(new AskResponse(
                answer.Text, answer.Citations, d.CitedNumbers, d.Mode, d.Model, d.LatencyMs, d.CacheHit, d.Usage, d.Cost, d.FallbackUsed,
                d.ConversationId, d.MessageId, answer.Notices, d.Truncated, d.Guardrail, answer.Guardrails ?? [], d.Cache));
        }

        if (answer.Error?.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Answering failed", detail: answer.Error?.Message);
    }

    /// <summary>Every check happens before the stream starts, so a refusal is a plain status code, not an event.</summary>
    private static async Task<IResult> StreamAsync(AskRequest request, HttpContext http, ConversationService conversations, CancellationToken cancellationToken)
    {
        request = request.WithCacheBypass(http);
        var (admitted, refusal) = await conversations.AdmitAsync(request, http.User.ToAsker(), http.User.ToAccessScope(request.Collection), null, cancellationToken);
        return admitted is null
            ? refusal!.ToProblem(http.Response)
            : ChatEventStream.Result(conversations.AnswerAsync(admitted, http.User.ToAccessScope(request.Collection), cancellationToken), http);
    }
}
