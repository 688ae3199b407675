using System.Diagnostics;
using KnowledgeBase.Core.Chunking;
using Microsoft.Extensions.AI;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>The chunks to embed; <paramref name="Progress"/> hears the fraction done after each batch.</summary>
public sealed record EmbedInput(IReadOnlyList<TextChunk> Chunks, Func<double, Task>? Progress = null);

/// <summary>Pipeline step 3: chunk vectors in batches, reporting progress after each batch.</summary>
public sealed class EmbedStep(IEmbeddingGenerator<string, Embedding<float>> generator)
    : IngestionStep<EmbedInput, IReadOnlyList<ReadOnlyMemory<float>>>(IngestionStepName.Embed)
{
    private const int BatchSize = 64;

    protected override async Task<IReadOnlyList<ReadOnlyMemory<float>>> ExecuteAsync(EmbedInput input, Activity? activity, CancellationToken cancellationToken)
    {
        var chunks = input.Chunks;
        activity?.SetTag("kb.document.chunks", chunks.Count);
        var vectors = new List<ReadOnlyMemory<float>>(chunks.Count);
        for (var start = 0; start < chunks.Count; start += BatchSize)
        {
            var batch = chunks.Skip(start).Take(BatchSize).Select(c => c.EmbeddingText).ToList();
            var embeddings = await generator.GenerateAsync(batch, cancellationToken: cancellationToken);
            vectors.AddRange(embeddings.Select(e => e.Vector));
            if (input.Progress is not null)
            {
                await input.Progress(vectors.Count / (double)chunks.Count);
            }
        }

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
