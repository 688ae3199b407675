using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Guardrails;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Answering.Llm;
using KnowledgeBase.Infrastructure.Caching;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Guardrails;
using KnowledgeBase.Infrastructure.Retrieval;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Answering;

/// <summary>
/// Answers a question as a stream of events: the numbered sources first, then the answer's tokens,
/// then a summary. Every transport (SignalR, SSE, JSON, OpenAI-compatible, terminal) consumes this one
/// stream, and every answer passes the guardrails here: the question is checked (and redacted), the
/// sources screened for planted instructions, and the answer's text streams through the output guard
/// whichever answerer wrote it — nothing a rule holds back reaches any client or the stored conversation.
/// A block stops the answer and cancels the model call. Failures end the stream with an error event;
/// they never escape as exceptions.
/// </summary>
public sealed class AskService(
    QueryEmbedder embedder,
    HybridRetriever retriever,
    AnswerGenerator generator,
    GuardrailService guardrails,
    CitationLocator locator,
    SourceSelector selector,
    AnswerCache cache,
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
        var collection = scope.Collection ?? request.Collection;
        var checkedQuestion = guardrails.CheckQuestion(request.Question, collection);
        var question = checkedQuestion.Text;
        if (checkedQuestion.Refused)
        {
            yield return new RetrievalEvent([]) { AnswerReady = true };
            foreach (var e in checkedQuestion.Events)
            {
                yield return e;
            }

            yield return new TokenEvent(checkedQuestion.Refusal!);
            yield return new CitationsEvent([]);
            Record(activity, new GenerationOutcome { Mode = GuardrailMode, Model = GuardrailMode, Answered = false }, 0, GuardrailVerdict.Blocked, context);
            yield return new DoneEvent(GuardrailMode, GuardrailMode, (long)time.GetElapsedTime(started).TotalMilliseconds, false, new TokenUsage(0, 0), 0, [], Guardrail: GuardrailVerdict.Blocked);
            yield break;
        }

        var query = context.SearchQuery ?? question;
        // A hit replaces retrieval and generation; everything after (guardrails, done, storing) is the same path.
        // The query is embedded once: by the cache's semantic tier, else here; an exact hit needs none.
        var cached = await cache.LookupAsync(request with { Question = question }, scope, context.UserId, query, token => embedder.EmbedAsync(query, token), cancellationToken);
        var vector = cached.Vector ?? (cached.Hit is null ? await embedder.EmbedAsync(query, cancellationToken) : default);
        var settings = options.Value;
        var found = cached.Hit is null
            ? await DatabaseRetry.ReadAsync(
                token => retriever.SearchAsync(query, vector, scope, Math.Max(settings.TopK, settings.RerankDepth), null, token), database.Value, time, cancellationToken)
            : [];
        // Chunks carrying planted instructions are dropped (or quoted) before the best sources are chosen.
        var screening = guardrails.ScreenSources(found);
        var sources = cached.Hit is null ? await selector.SelectAsync(query, vector, screening.Sources, cancellationToken) : screening.Sources;
        var citations = cached.Hit?.Citations ?? CitationBuilder.Retrieved(sources);
        yield return new RetrievalEvent(citations) { AnswerReady = cached.Hit is not null };
        foreach (var e in checkedQuestion.Events.Concat(screening.Events))
        {
            yield return e;
        }

        // An async iterator resumes on its reader's context: the spans that follow belong under this one.
        Activity.Current = activity;
        if (screening.Quoted.Count > 0)
        {
            context = context with { QuotedSources = screening.Quoted };
        }

        var guard = guardrails.GuardAnswer(new AnswerGuardContext(question, collection, screening), activity?.Context ?? default);
        var outcome = new GenerationOutcome();
        var shown = new StringBuilder();
        // The guard's offsets count everything it released; after a replacing answer they must count from its start.
        var dropped = 0;
        var answerer = cached.Hit is { } hit
            ? CachedAnswerReplay.StreamAsync(hit, outcome, cancellationToken)
            : generator.GenerateAsync(question, sources, context, collection, outcome, cancellationToken);
        await using (var generated = answerer.GetAsyncEnumerator(cancellationToken))
        {
            while (!guard.Blocked && await generated.MoveNextAsync())
            {
                // Text goes through the guard; a notice ends one answerer's part (what it held is judged as final before the notice).
                var step = generated.Current switch
                {
                    TokenEvent token => guard.Push(token.Text),
                    NoticeEvent => guard.Flush(),
                    _ => GuardStep.Empty,
                };
                foreach (var e in Released(step, shown, dropped))
                {
                    yield return e;
                    Activity.Current = activity;
                }

                if (generated.Current is NoticeEvent { ReplacesAnswer: true })
                {
                    // The answer that follows replaces what was streamed: only its sentences are located.
                    shown.Clear();
                    dropped = guard.Text.Length;
                }

                if (generated.Current is not TokenEvent and not null)
                {
                    yield return generated.Current;
                    Activity.Current = activity;
                }
            }
        }

        // Leaving the loop on a block disposed the generator: its model call is cancelled.
        foreach (var e in Released(guard.Flush(), shown, dropped))
        {
            yield return e;
        }

        // Sentences unsupported by their sources are flagged once the answer is complete (a cache hit was judged when
        // stored: only answers without any guardrail action are cached).
        if (cached.Hit is null && outcome.Answered)
        {
            foreach (var e in await guard.GroundAsync(shown.ToString(), [.. sources.Select(s => s.Text)], cancellationToken))
            {
                yield return e;
            }
        }

        guard.Finish();
        // Which sentence each [n] used: the extractive answerer knows; a model's answer (as shown) is matched to its
        // sources. A cache hit replays what the original answer sent.
        var located = cached.Hit is { } replayed
            ? replayed.Located
            : CitationBuilder.Located(citations, outcome.Extractive?.Sentences ?? await locator.LocateAsync(shown.ToString(), sources, cancellationToken), outcome.Extractive?.BestBySource ?? []);
        yield return new CitationsEvent(located);

        if (cached is { Key: { } key, Hit: null })
        {
            await cache.StoreAsync(key, vector, new AnswerToCache(
                shown.ToString(), citations, located, outcome.CitedNumbers, outcome.Mode, outcome.Model, outcome.Answered, outcome.FallbackUsed || outcome.Truncated, guard.Verdict, outcome.Cost, outcome.Usage), cancellationToken);
        }

        activity?.SetTag("kb.cache.hit", cached.Hit is not null);
        Record(activity, outcome, sources.Count, guard.Verdict, context);
        yield return new DoneEvent(
            outcome.Mode, outcome.Model, (long)time.GetElapsedTime(started).TotalMilliseconds, cached.Hit is not null, outcome.Usage, outcome.Cost, outcome.CitedNumbers, outcome.FallbackUsed,
            Truncated: outcome.Truncated, Guardrail: guard.Verdict, Cache: cached.Hit?.Info);
    }

    /// <summary>The mode and model of an answer the guardrails gave instead of an answerer (a refusal).</summary>
    public const string GuardrailMode = "guardrail";

    /// <summary>
    /// What the guard let through, as events; the text also goes to <paramref name="shown"/>. Answer offsets are moved
    /// back by the <paramref name="dropped"/> text a replacing answer cut off, so they refer to the answer as shown.
    /// </summary>
    private static IEnumerable<ChatEvent> Released(GuardStep step, StringBuilder shown, int dropped)
    {
        if (step.Text.Length > 0)
        {
            shown.Append(step.Text);
            yield return new TokenEvent(step.Text);
        }

        foreach (var e in step.Events)
        {
            yield return e.Start is { } start && dropped > 0 ? e with { Start = start - dropped } : e;
        }
    }

    private void Record(Activity? activity, GenerationOutcome outcome, int sources, string verdict, AskContext context)
    {
        activity?.SetTag("kb.answer.mode", outcome.Mode);
        activity?.SetTag("kb.answer.model", outcome.Model);
        activity?.SetTag("kb.answer.answered", outcome.Answered);
        activity?.SetTag("kb.answer.fallback", outcome.FallbackUsed);
        activity?.SetTag("kb.prompt.version", AnswerPrompt.Version);
        activity?.SetTag("kb.retrieval.results", sources);
        activity?.SetTag("kb.guardrail.verdict", verdict);
        activity?.SetTag("kb.guardrail.policy", guardrails.PolicyVersion);
        // Totals for this chain; Langfuse sums tokens and cost from the generations below, so no gen_ai.usage.* here.
        activity?.SetTag("kb.usage.input_tokens", outcome.Usage.InputTokens);
        activity?.SetTag("kb.usage.output_tokens", outcome.Usage.OutputTokens);
        if (context.UserId is not null && activity?.Parent is null)
        {
            activity?.SetTag(LangfuseAttributes.UserId, context.UserId);
        }
    }
}
