namespace KnowledgeBase.Core.Answering;

/// <summary>An answer stream folded into one value, for callers that want the whole answer (JSON API, evaluation).</summary>
public sealed record CollectedAnswer(string Text, IReadOnlyList<Citation> Citations, DoneEvent? Done, ErrorEvent? Error, IReadOnlyList<GuardrailEvent>? Guardrails = null)
{
    /// <summary>The sources the answer actually cites.</summary>
    public IReadOnlyList<Citation> CitedSources =>
        Done is null ? [] : Citations.Where(c => Done.CitedNumbers.Contains(c.Number)).ToList();

    public static async Task<CollectedAnswer> CollectAsync(IAsyncEnumerable<ChatEvent> events, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder();
        IReadOnlyList<Citation> citations = [];
        var guardrails = new List<GuardrailEvent>();
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            switch (e)
            {
                case RetrievalEvent r:
                    citations = r.Citations;
                    break;
                case TokenEvent t:
                    text.Append(t.Text);
                    break;
                case GuardrailEvent g:
                    guardrails.Add(g);
                    break;
                case DoneEvent d:
                    return new CollectedAnswer(text.ToString(), citations, d, null, guardrails);
                case ErrorEvent error:
                    return new CollectedAnswer(text.ToString(), citations, null, error, guardrails);
            }
        }

        return new CollectedAnswer(text.ToString(), citations, null, new ErrorEvent("The answer ended early; please try again."), guardrails);
    }
}
