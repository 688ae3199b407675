using System.Text;

namespace KnowledgeBase.Core.Answering;

/// <summary>
/// An answer stream folded into one value, for callers that want the whole answer (JSON API, evaluation). Text a
/// failed model streamed before a fallback took over is dropped (<see cref="NoticeEvent.ReplacesAnswer"/>): the
/// answer is the fallback's alone, and <see cref="Notices"/> says what happened.
/// </summary>
public sealed record CollectedAnswer(string Text, IReadOnlyList<Citation> Citations, DoneEvent? Done, ErrorEvent? Error, IReadOnlyList<GuardrailEvent>? Guardrails = null)
{
    /// <summary>The notices of the stream, in order (retries, fallbacks).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>The sources the answer actually cites.</summary>
    public IReadOnlyList<Citation> CitedSources =>
        Done is null ? [] : Citations.Where(c => Done.CitedNumbers.Contains(c.Number)).ToList();

    public static async Task<CollectedAnswer> CollectAsync(IAsyncEnumerable<ChatEvent> events, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var notices = new List<string>();
        IReadOnlyList<Citation> citations = [];
        var guardrails = new List<GuardrailEvent>();
        var trimmed = 0;
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            switch (e)
            {
                case RetrievalEvent r:
                    citations = r.Citations;
                    break;
                case CitationsEvent c:
                    citations = c.Citations;
                    break;
                case TokenEvent t:
                    // After a restart the separator the stream puts between the two answers has nothing to separate.
                    var visible = text.Length == 0 ? t.Text.TrimStart() : t.Text;
                    trimmed += t.Text.Length - visible.Length;
                    text.Append(visible);
                    break;
                case NoticeEvent n:
                    notices.Add(n.Message);
                    if (n.ReplacesAnswer)
                    {
                        // The markers point into the text that is dropped.
                        text.Clear();
                        trimmed = 0;
                        guardrails.RemoveAll(g => g.Target == GuardrailEvent.AnswerTarget);
                    }

                    break;
                case GuardrailEvent g:
                    // Offsets refer to the answer as streamed, which may have begun with white space.
                    guardrails.Add(g.Start is { } start ? g with { Start = Math.Max(0, start - trimmed) } : g);
                    break;
                case DoneEvent d:
                    return new CollectedAnswer(text.ToString(), citations, d, null, guardrails) { Notices = notices };
                case ErrorEvent error:
                    return new CollectedAnswer(text.ToString(), citations, null, error, guardrails) { Notices = notices };
            }
        }

        return new CollectedAnswer(text.ToString(), citations, null, new ErrorEvent("The answer ended early; please try again."), guardrails) { Notices = notices };
    }
}
