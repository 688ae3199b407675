using KnowledgeBase.Infrastructure.Embeddings;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.AI;

namespace KnowledgeBase.Infrastructure.Retrieval;

/// <summary>
/// Embeds questions, remembering the last <see cref="Capacity"/> in a bounded LRU so a repeated
/// question (retries, popular questions, evaluation runs) costs no model call.
/// </summary>
public sealed class QueryEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator, EmbeddingModel model)
{
    public const int Capacity = 2048;

    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, ReadOnlyMemory<float> Vector)>> index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, ReadOnlyMemory<float> Vector)> recency = new();

    public async Task<ReadOnlyMemory<float>> EmbedAsync(string query, CancellationToken cancellationToken)
    {
        var key = query.Trim();
        lock (gate)
        {
            if (index.TryGetValue(key, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                QueryCacheMetrics.Hits.Add(1);
                return node.Value.Vector;
            }
        }

        QueryCacheMetrics.Misses.Add(1);
        // Some models (arctic-embed) are trained with an instruction in front of queries only.
        var vector = (await generator.GenerateAsync([model.QueryPrefix + key], cancellationToken: cancellationToken))[0].Vector;
        lock (gate)
        {
            if (!index.ContainsKey(key))
            {
                index[key] = recency.AddFirst((key, vector));
                if (index.Count > Capacity)
                {
                    index.Remove(recency.Last!.Value.Key);
                    recency.RemoveLast();
                }
            }
        }

        return vector;
    }

    private static class QueryCacheMetrics
    {
        public static readonly System.Diagnostics.Metrics.Counter<long> Hits =
            KnowledgeBaseTelemetry.Meter.CreateCounter<long>("kb.retrieval.query_embedding_cache.hits", "{hit}", "Questions whose embedding came from the cache.");

        public static readonly System.Diagnostics.Metrics.Counter<long> Misses =
            KnowledgeBaseTelemetry.Meter.CreateCounter<long>("kb.retrieval.query_embedding_cache.misses", "{miss}", "Questions embedded by the model.");
    }
}
