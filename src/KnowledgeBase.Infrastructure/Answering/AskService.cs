using System.Diagnostics;
using System.Runtime.CompilerServices;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Retrieval;
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
    ExtractiveAnswerer answerer,
    IOptions<AnsweringOptions> options,
    TimeProvider time,
    ILogger<AskService> logger)
{
    public const string ExtractiveMode = "extractive";

    public async IAsyncEnumerable<ChatEvent> AskAsync(
        AskRequest request, AccessScope scope, AskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (request.Problem() is { } problem)
        {
            yield return new ErrorEvent(problem);
            yield break;
        }

        await using var events = AnswerAsync(request, scope, context, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatEvent? next;
            var failed = false;
            try
            {
                next = await events.MoveNextAsync() ? events.Current : null;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Answering failed");
                next = new ErrorEvent("Something went wrong while answering; please try again.");
                failed = true;
            }

            if (next is null)
            {
                yield break;
            }

            yield return next;
            if (failed)
            {
                yield break;
            }
        }
    }

    private async IAsyncEnumerable<ChatEvent> AnswerAsync(
        AskRequest request, AccessScope scope, AskContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("ask");
        var started = time.GetTimestamp();

        var query = context.SearchQuery ?? request.Question;
        var vector = await embedder.EmbedAsync(query, cancellationToken);
        var sources = await retriever.SearchAsync(query, vector, scope, options.Value.TopK, null, cancellationToken);
        yield return new RetrievalEvent(sources
            .Select((s, i) => new Citation(i + 1, s.DocumentId, s.Title, s.SourceName, s.StartPage, s.EndPage, CitationSnippet.From(s.Text)))
            .ToList());

        var answer = answerer.Answer(request.Question, sources);
        foreach (var piece in StreamingText.Pieces(answer.Text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new TokenEvent(piece);
        }

        var elapsed = time.GetElapsedTime(started);
        KnowledgeBaseTelemetry.AskDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kb.answer.mode", ExtractiveMode));
        activity?.SetTag("kb.answer.mode", ExtractiveMode);
        activity?.SetTag("kb.answer.answered", answer.Answered);
        activity?.SetTag("kb.retrieval.results", sources.Count);
        yield return new DoneEvent(ExtractiveMode, ExtractiveMode, (long)elapsed.TotalMilliseconds, false, new TokenUsage(0, 0), 0m, answer.CitedNumbers);
    }
}
