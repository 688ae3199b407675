using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Api.Answering;
using KnowledgeBase.Api.Conversations;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Api.RateLimiting;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Infrastructure.Answering;
using KnowledgeBase.Infrastructure.Answering.Llm;
using KnowledgeBase.Infrastructure.Conversations;
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

    private static async Task<IResult> CompleteAsync(HttpContext http, ConversationService conversations, AnswerGenerator generator, TimeProvider time, CancellationToken cancellationToken)
    {
        var (chat, invalid) = await ChatRequestReader.ReadAsync(http.Request.Body, cancellationToken);
        if (chat is null)
        {
            return Error(StatusCodes.Status400BadRequest, invalid!.Message, "invalid_request_error", "invalid_request", invalid.Param);
        }

        var (request, question, history) = (chat.Request, chat.Question, chat.History);
        var (admitted, refusal) = await conversations.AdmitAsync(new AskRequest(question), http.User.ToAsker(), http.User.ToAccessScope(), history, cancellationToken);
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
            return TypedResults.ServerSentEvents(Chunks(events, id, created, generator.Model, request.StreamOptions?.IncludeUsage == true, cancellationToken));
        }

        var answer = await CollectedAnswer.CollectAsync(events, cancellationToken);
        if (answer.Done is not { } done)
        {
            return Error(StatusCodes.Status503ServiceUnavailable, answer.Error?.Message ?? "The answer failed.", "server_error", "answer_failed");
        }

        var content = answer.Text + SourcesList(answer.CitedSources);
        return Results.Json(
            new Completion(id, "chat.completion", created, done.Model, [new Choice(0, new ResponseMessage("assistant", content), FinishReason(done))], Usage.From(done.Usage),
                answer.Citations, answer.Guardrails ?? []),
            Json);
    }

    private static async IAsyncEnumerable<string> Chunks(
        IAsyncEnumerable<ChatEvent> events, string id, long created, string model, bool includeUsage, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The model answering is known for certain only at the end (a fallback may take over); until then, the primary.
        string Write(Delta delta, string? finish = null, Usage? usage = null, IReadOnlyList<Citation>? citations = null, bool noChoices = false, GuardrailEvent? guardrail = null) =>
            JsonSerializer.Serialize(
                new OpenAiWire.Chunk(id, "chat.completion.chunk", created, model, noChoices ? [] : [new ChunkChoice(0, delta, finish)], usage, citations, guardrail), Json);

        yield return Write(new Delta("assistant", string.Empty));
        IReadOnlyList<Citation> citations = [];
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            switch (e)
            {
                case RetrievalEvent retrieval:
                    citations = retrieval.Citations;
                    break;
                case TokenEvent token:
                    yield return Write(new Delta(null, token.Text));
                    break;
                case GuardrailEvent guardrail:
                    yield return Write(new Delta(null, null), noChoices: true, guardrail: guardrail);
                    break;
                case DoneEvent done:
                    model = done.Model;
                    var sources = SourcesList(citations.Where(c => done.CitedNumbers.Contains(c.Number)).ToList());
                    if (sources.Length > 0)
                    {
                        yield return Write(new Delta(null, sources));
                    }

                    yield return Write(new Delta(null, null), FinishReason(done), citations: citations);
                    if (includeUsage)
                    {
                        yield return Write(new Delta(null, null), usage: Usage.From(done.Usage), noChoices: true);
                    }

                    yield return "[DONE]";
                    yield break;
                case ErrorEvent error:
                    yield return JsonSerializer.Serialize(new ErrorResponse(new ErrorBody(error.Message, "server_error", null, "answer_failed")), Json);
                    yield break;
            }
        }
    }

    /// <summary>OpenAI's own reason for an answer its filter stopped; "stop" otherwise.</summary>
    private static string FinishReason(DoneEvent done) => done.Guardrail == GuardrailVerdict.Blocked ? "content_filter" : "stop";

    /// <summary>The cited sources as text after the answer, for chat tools that show only the content.</summary>
    private static string SourcesList(IReadOnlyList<Citation> cited)
    {
        if (cited.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("\n\nSources:");
        foreach (var c in cited)
        {
            var pages = c.StartPage is not { } start ? string.Empty
                : c.EndPage is { } end && end != start ? string.Create(CultureInfo.InvariantCulture, $", pp. {start}-{end}")
                : string.Create(CultureInfo.InvariantCulture, $", p. {start}");
            text.Append(CultureInfo.InvariantCulture, $"\n[{c.Number}] {c.Title}{pages} ({c.SourceName})");
        }

        return text.ToString();
    }

    private static IResult Error(int status, string message, string type, string code, string? param = null) =>
        Results.Json(new ErrorResponse(new ErrorBody(message, type, param, code)), Json, statusCode: status);
}
