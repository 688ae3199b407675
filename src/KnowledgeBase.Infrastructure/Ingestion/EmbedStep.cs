using System.Diagnostics;
using KnowledgeBase.Core.Chunking;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.AI;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>Pipeline step 3: chunk vectors in batches, reporting progress after each batch.</summary>
public sealed class EmbedStep(IEmbeddingGenerator<string, Embedding<float>> generator)
{
    private const int BatchSize = 64;

    public async Task<IReadOnlyList<ReadOnlyMemory<float>>> RunAsync(
        IReadOnlyList<TextChunk> chunks, Func<double, Task>? progress, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("ingest embed");
        activity?.SetTag("kb.document.chunks", chunks.Count);
        var started = Stopwatch.GetTimestamp();
        var vectors = new List<ReadOnlyMemory<float>>(chunks.Count);
        for (var start = 0; start < chunks.Count; start += BatchSize)
        {
            var batch = chunks.Skip(start).Take(BatchSize).Select(c => c.EmbeddingText).ToList();
            var embeddings = await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            vectors.AddRange(embeddings.Select(e => e.Vector));
            if (progress is not null)
            {
                await progress(vectors.Count / (double)chunks.Count);
            }
        }

        IngestionMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("step", "embed"));
        return vectors;
    }

    /// <summary>Vectors for arbitrary texts in the step's batch size (bulk loads that batch across documents).</summary>
    public async Task<IReadOnlyList<ReadOnlyMemory<float>>> EmbedTextsAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new List<ReadOnlyMemory<float>>(texts.Count);
        foreach (var batch in texts.Chunk(BatchSize))
        {
            vectors.AddRange((await generator.GenerateAsync(batch, cancellationToken: cancellationToken)).Select(e => e.Vector));
        }

        return vectors;
    }
}
