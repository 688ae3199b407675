using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Grounding;

/// <summary>
/// Sentence embeddings by sentence text, in a bounded LRU: a passage's sentences are embedded the first
/// time a question or claim needs them and reused by every later answer, guardrail check or evaluation
/// that reads the same chunk (the cache is keyed by text, so any passage holding the sentence hits it).
/// </summary>
public sealed class SentenceVectorCache(IOptions<GroundingOptions> options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, ReadOnlyMemory<float> Vector)>> index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, ReadOnlyMemory<float> Vector)> recency = new();

    public bool TryGet(string sentence, out ReadOnlyMemory<float> vector)
    {
        lock (gate)
        {
            if (index.TryGetValue(sentence, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                vector = node.Value.Vector;
                Metrics.Hits.Add(1);
                return true;
            }
        }

        Metrics.Misses.Add(1);
        vector = default;
        return false;
    }

    public void Add(string sentence, ReadOnlyMemory<float> vector)
    {
        var capacity = options.Value.CacheCapacity;
        lock (gate)
        {
            if (capacity == 0 || index.ContainsKey(sentence))
            {
                return;
            }

            index[sentence] = recency.AddFirst((sentence, vector));
            if (index.Count > capacity)
            {
                index.Remove(recency.Last!.Value.Key);
                recency.RemoveLast();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return index.Count;
            }
        }
    }

    private static class Metrics
    {
        public static readonly System.Diagnostics.Metrics.Counter<long> Hits =
            KnowledgeBaseTelemetry.Meter.CreateCounter<long>("kb.grounding.sentence_embedding_cache.hits", "{hit}", "Sentences whose embedding came from the cache.");

        public static readonly System.Diagnostics.Metrics.Counter<long> Misses =
            KnowledgeBaseTelemetry.Meter.CreateCounter<long>("kb.grounding.sentence_embedding_cache.misses", "{miss}", "Sentences embedded by the model.");
    }
}
