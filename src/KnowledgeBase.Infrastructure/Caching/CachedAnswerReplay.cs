using System.Runtime.CompilerServices;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Answering.Llm;

namespace KnowledgeBase.Infrastructure.Caching;

/// <summary>A cached answer as an answerer's stream: its text in word-sized token events, and an outcome with no model call and no cost.</summary>
public static class CachedAnswerReplay
{
    public static async IAsyncEnumerable<ChatEvent> StreamAsync(CachedAnswer hit, GenerationOutcome outcome, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var piece in StreamingText.Pieces(hit.Answer))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new TokenEvent(piece);
        }

        outcome.Mode = hit.Mode;
        outcome.Model = hit.Model;
        outcome.Usage = new TokenUsage(0, 0);
        outcome.Cost = 0;
        outcome.CitedNumbers = hit.CitedNumbers;
        outcome.FallbackUsed = false;
        await Task.CompletedTask;
    }
}
