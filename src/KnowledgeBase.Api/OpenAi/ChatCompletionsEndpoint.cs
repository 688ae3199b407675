using System.Globalization;
using System.Text.Json;
using KnowledgeBase.Api.Answering;
using KnowledgeBase.Api.Caching;
using KnowledgeBase.Api.Conversations;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Api.RateLimiting;
using KnowledgeBase.Api.Streaming;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Answering.Llm;
using KnowledgeBase.Infrastructure.Conversations;
using KnowledgeBase.Infrastructure.Data;
using Microsoft.Extensions.Options;
using static KnowledgeBase.Api.OpenAi.OpenAiWire;

namespace KnowledgeBase.Api.OpenAi;

/// <summary>
/// <c>POST /v1/chat/completions</c>, so existing chat tools can use the knowledge base: the last user message is
/// the question, the earlier user and assistant messages its history (system messages are ignored: the
/// answerer's instructions are not the caller's to change). Each call is stored as a one-question conversation
/// so budgets, usage reports and feedback see it. Errors use OpenAI's error JSON.
/// </summary>
public static class ChatCompletionsEndpoint
{
    public static void MapChatCompletions(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/chat/completions", CompleteAsync)
            .WithTags("OpenAI-compatible")
            .RequireAuthorization(Policies.Ask)
            .RequireAskRateLimit(detail => Error(StatusCodes.Status429TooManyRequests, detail, "requests", "rate_limit_exceeded"))
            .Accepts<Request>("application/json")
            .Produces<Completion>()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

    private static async Task<IResult> CompleteAsync(
        HttpContext http, ConversationService conversations, AnswerGenerator generator, IOptions<DatabaseOptions> database, TimeProvider time, CancellationToken cancellationToken)
    {
        var (chat, invalid) = await ChatRequestReader.ReadAsync(http.Request.Body, cancellationToken);
        if (chat is null)
        {
            return Error(StatusCodes.Status400BadRequest, invalid!.Message, "invalid_request_error", "invalid_request", invalid.Param);
        }

        var (request, question, history) = (chat.Request, chat.Question, chat.History);
        var (admitted, refusal) = await conversations.AdmitAsync(new AskRequest(question, Cache: request.Cache).WithCacheBypass(http), http.User.ToAsker(), http.User.ToAccessScope(), history, cancellationToken);
        if (admitted is null)
        {
            refusal!.SetRetryAfter(http.Response);
            return refusal!.Kind == AskRefusalKind.BudgetSpent
                ? Error(StatusCodes.Status429TooManyRequests, refusal.Detail, "insufficient_quota", "daily_token_budget_exceeded")
                : Error(refusal.StatusCode(), refusal.Detail, "invalid_request_error", "invalid_question", "messages");
        }

        var events = conversations.AnswerAsync(admitted, http.User.ToAccessScope(), cancellationToken);
        var id = $"chatcmpl-{Guid.NewGuid():N}";
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        if (request.Stream)
        {
            var stream = new CompletionStream(id, created, generator.Model, request.StreamOptions?.IncludeUsage == true);
            var retryAfter = database.Value.RetryAfterSeconds;
            return new EventStreamResult<string>(
                stream.ChunksAsync(events, cancellationToken),
                _ => null,
                chunk => chunk,
                e => stream.Failed(DatabaseOutage.IsOutage(e) ? DatabaseOutage.ErrorEvent(retryAfter) : new ErrorEvent("Something went wrong while answering; please try again.")));
        }

        var answer = await CollectedAnswer.CollectAsync(events, cancellationToken);
        if (answer.Done is not { } done)
        {
            if (answer.Error?.RetryAfterSeconds is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Error(StatusCodes.Status503ServiceUnavailable, answer.Error.Message, "server_error", "service_unavailable");
            }

            return Error(StatusCodes.Status503ServiceUnavailable, answer.Error?.Message ?? "The answer failed.", "server_error", "answer_failed");
        }

        // Not streamed: the notices lead the text, and an answer a failed model began is not glued to the fallback's.
        var content = string.Concat(answer.Notices.Select(n => CompletionStream.NoticeLine(n, afterText: false, replacesAnswer: false)))
            + answer.Text + CompletionStream.SourcesList(answer.CitedSources);
        var choice = new Choice(0, new ResponseMessage("assistant", content), CompletionStream.FinishReason(done));
        return Results.Json(
            new Completion(id, "chat.completion", created, done.Model, [choice], Usage.From(done.Usage), answer.Citations, answer.Notices, answer.Guardrails ?? []),
            Json);
    }


    private static IResult Error(int status, string message, string type, string code, string? param = null) =>
        Results.Json(new ErrorResponse(new ErrorBody(message, type, param, code)), Json, statusCode: status);
}
