using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Answering.Llm;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Retrieval;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Answering;

/// <summary>
/// Answers a question as a stream of events: the numbered sources first, then the answer's tokens,
/// then a summary. Every transport (SignalR, SSE, terminal) consumes this one stream. Failures end
/// the stream with an error event; they never escape as exceptions.
/// </summary>
public sealed class AskService(
    QueryEmbedder embedder,
    HybridRetriever retriever,
    AnswerGenerator generator,
    CitationLocator locator,
    SourceSelector selector,
    IOptions<AnsweringOptions> options,
    IOptions<DatabaseOptions> database,
    TimeProvider time,
    ILogger<AskService> logger)
{
    public const string ExtractiveMode = AnswerGenerator.ExtractiveMode;

    public async IAsyncEnumerable<ChatEvent> AskAsync(
        AskRequest request, AccessScope scope, AskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (request.Problem() is { } problem)
        {
            yield return new ErrorEvent(problem);
            yield break;
        }

        await foreach (var e in ChatEventStreams.EndWithErrorAsync(AnswerAsync(request, scope, context, cancellationToken), Failed, cancellationToken))
        {
            yield return e;
        }
    }

    private ErrorEvent Failed(Exception e)
    {
        if (DatabaseOutage.IsOutage(e))
        {
            logger.LogWarning("Answering stopped: the database is unavailable ({Reason})", e.GetBaseException().Message);
            return DatabaseOutage.ErrorEvent(database.Value.RetryAfterSeconds);
        }

        logger.LogError(e, "Answering failed");
        return new ErrorEvent("Something went wrong while answering; please try again.");
    }

    private async IAsyncEnumerable<ChatEvent> AnswerAsync(
        AskRequest request, AccessScope scope, AskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Under an answer's root span (a conversation) this is its RAG chain; alone (kb ask, eval, bench) it is the root.
        using var activity = Activity.Current is null ? AnswerTrace.StartRoot("ask") : KnowledgeBaseTelemetry.Source.StartActivity("ask");
        activity?.SetTag(LangfuseAttributes.ObservationType, LangfuseAttributes.Chain);
        var started = time.GetTimestamp();

        var query = context.SearchQuery ?? request.Question;
        var vector = await embedder.EmbedAsync(query, cancellationToken);
        var settings = options.Value;
        var candidates = await DatabaseRetry.ReadAsync(
            token => retriever.SearchAsync(query, vector, scope, Math.Max(settings.TopK, settings.RerankDepth), null, token), database.Value, time, cancellationToken);
        var sources = await selector.SelectAsync(query, vector, candidates, cancellationToken);
        var citations = CitationBuilder.Retrieved(sources);
        yield return new RetrievalEvent(citations);
        // An async iterator resumes on its reader's context: the spans that follow belong under this one.
        Activity.Current = activity;

        var outcome = new GenerationOutcome();
        var text = new StringBuilder();
        await foreach (var e in generator.GenerateAsync(request.Question, sources, context, scope.Collection ?? request.Collection, outcome, cancellationToken))
        {
            if (e is TokenEvent token)
            {
                text.Append(token.Text);
            }
            else if (e is NoticeEvent { ReplacesAnswer: true })
            {
                // The answer that follows replaces what was streamed: only its sentences are located.
                text.Clear();
            }

            yield return e;
            Activity.Current = activity;
        }

        // Which sentence each [n] used: the extractive answerer knows; a model's answer is matched to its sources.
        var used = outcome.Extractive?.Sentences ?? await locator.LocateAsync(text.ToString(), sources, cancellationToken);
        yield return new CitationsEvent(CitationBuilder.Located(citations, used, outcome.Extractive?.BestBySource ?? []));

        var elapsed = time.GetElapsedTime(started);
        activity?.SetTag("kb.answer.mode", outcome.Mode);
        activity?.SetTag("kb.answer.model", outcome.Model);
        activity?.SetTag("kb.answer.answered", outcome.Answered);
        activity?.SetTag("kb.answer.fallback", outcome.FallbackUsed);
        activity?.SetTag("kb.prompt.version", AnswerPrompt.Version);
        activity?.SetTag("kb.retrieval.results", sources.Count);
        // Totals for this chain; Langfuse sums tokens and cost from the generations below, so no gen_ai.usage.* here.
        activity?.SetTag("kb.usage.input_tokens", outcome.Usage.InputTokens);
        activity?.SetTag("kb.usage.output_tokens", outcome.Usage.OutputTokens);
        if (context.UserId is not null && activity?.Parent is null)
        {
            activity?.SetTag(LangfuseAttributes.UserId, context.UserId);
        }

        yield return new DoneEvent(
            outcome.Mode, outcome.Model, (long)elapsed.TotalMilliseconds, false, outcome.Usage, outcome.Cost, outcome.CitedNumbers, outcome.FallbackUsed,
            Truncated: outcome.Truncated);
    }
}
