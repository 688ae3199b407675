using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Core.Guardrails;
using static KnowledgeBase.Api.OpenAi.OpenAiWire;

namespace KnowledgeBase.Api.OpenAi;

/// <summary>
/// An answer's events as OpenAI <c>chat.completion.chunk</c> data lines. Every stream ends as OpenAI clients
/// expect — a final chunk with <c>finish_reason</c>, then <c>[DONE]</c> — even one cut by a failure (its reason
/// shown as text and in <c>kb_error</c>). Notices become a visible "Note:" line and <c>kb_notices</c>.
/// </summary>
internal sealed class CompletionStream(string id, long created, string model, bool includeUsage)
{
    private readonly List<string> notices = [];
    private IReadOnlyList<Citation> citations = [];
    private bool written;

    public async IAsyncEnumerable<string> ChunksAsync(IAsyncEnumerable<ChatEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = false;
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            // The first chunk waits for the answer's first event: a failure before it (the question could not be
            // stored) is still an HTTP status, not a broken stream.
            if (!started)
            {
                started = true;
                yield return Write(new Delta("assistant", string.Empty));
            }

            switch (e)
            {
                case RetrievalEvent retrieval:
                    citations = retrieval.Citations;
                    break;
                case CitationsEvent located:
                    citations = located.Citations;
                    break;
                case TokenEvent token:
                    yield return Text(token.Text);
                    break;
                case GuardrailEvent guardrail:
                    yield return Write(new Delta(null, null), noChoices: true, guardrail: guardrail);
                    break;
                case NoticeEvent notice:
                    notices.Add(notice.Message);
                    yield return Write(new Delta(null, NoticeLine(notice.Message, written, notice.ReplacesAnswer)), notices: [notice.Message]);
                    written = true;
                    break;
                case DoneEvent done:
                    model = done.Model;
                    var sources = SourcesList(citations.Where(c => done.CitedNumbers.Contains(c.Number)).ToList());
                    if (sources.Length > 0)
                    {
                        yield return Text(sources);
                    }

                    yield return Write(new Delta(null, null), FinishReason(done), citations: citations, notices: notices);
                    if (includeUsage)
                    {
                        yield return Write(new Delta(null, null), usage: Usage.From(done.Usage), noChoices: true);
                    }

                    yield return "[DONE]";
                    yield break;
                case ErrorEvent error:
                    foreach (var chunk in Failed(error))
                    {
                        yield return chunk;
                    }

                    yield break;
            }
        }
    }

    /// <summary>The end of a stream whose answer failed: the reason as text, a final chunk with <c>kb_error</c>, [DONE].</summary>
    public IEnumerable<string> Failed(ErrorEvent error)
    {
        yield return Text(written ? $"\n\n{error.Message}" : error.Message);
        var code = error.RetryAfterSeconds is null ? "answer_failed" : "service_unavailable";
        yield return Write(new Delta(null, null), "stop", citations: citations, notices: notices, error: new StreamError(error.Message, code, error.RetryAfterSeconds));
        yield return "[DONE]";
    }

    /// <summary>OpenAI's own reasons: an answer the guardrails stopped, one cut at <c>Llm:MaxOutputTokens</c>, else "stop".</summary>
    public static string FinishReason(DoneEvent done) =>
        done.Guardrail == GuardrailVerdict.Blocked ? "content_filter" : done.Truncated ? "length" : "stop";

    /// <summary>A notice as a line of the answer's text, for chat tools that show only the content.</summary>
    public static string NoticeLine(string notice, bool afterText, bool replacesAnswer) =>
        $"{(afterText ? "\n\n" : string.Empty)}Note: {notice}{(replacesAnswer ? string.Empty : "\n\n")}";

    /// <summary>The cited sources as text after the answer, for chat tools that show only the content.</summary>
    public static string SourcesList(IReadOnlyList<Citation> cited)
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

    private string Text(string text)
    {
        written = true;
        return Write(new Delta(null, text));
    }

    // The model answering is known for certain only at the end (a fallback may take over); until then, the primary.
    private string Write(
        Delta delta, string? finish = null, Usage? usage = null, IReadOnlyList<Citation>? citations = null, IReadOnlyList<string>? notices = null,
        StreamError? error = null, bool noChoices = false, GuardrailEvent? guardrail = null) =>
        JsonSerializer.Serialize(
            new OpenAiWire.Chunk(id, "chat.completion.chunk", created, model, noChoices ? [] : [new ChunkChoice(0, delta, finish)], usage, citations, notices, error, guardrail), Json);
}
