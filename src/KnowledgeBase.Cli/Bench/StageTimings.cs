using System.Diagnostics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Cli.Bench;

/// <summary>
/// Where an answer's time goes: listens to the app's own spans and adds up, per answer, the milliseconds of
/// each span name (model names cut off, so "embeddings all-MiniLM-L6-v2" is "embeddings") and the texts the
/// embedding model read. Sequential answers only: everything stopped between two <see cref="Next"/> calls
/// belongs to the answer in between.
/// </summary>
internal sealed class StageTimings : IDisposable
{
    private readonly ActivityListener listener;
    private readonly Dictionary<string, List<double>> stages = new(StringComparer.Ordinal);
    private readonly List<double> embedded = [];
    private readonly List<double> paddedChars = [];
    private Dictionary<string, double> current = new(StringComparer.Ordinal);
    private int currentEmbedded;
    private int currentPaddedChars;

    public StageTimings()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KnowledgeBaseTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Closes the current answer's figures.</summary>
    public void Next()
    {
        lock (stages)
        {
            foreach (var (name, ms) in current)
            {
                (stages.TryGetValue(name, out var list) ? list : stages[name] = []).Add(ms);
            }

            embedded.Add(currentEmbedded);
            paddedChars.Add(currentPaddedChars);
            current = new(StringComparer.Ordinal);
            currentEmbedded = 0;
            currentPaddedChars = 0;
        }
    }

    /// <summary>Per stage: how many answers had it and its p50/p95 per answer; plus the texts embedded per answer and their
    /// padded length (the model's work, which machine load does not blur).</summary>
    public object Summary()
    {
        lock (stages)
        {
            return new
            {
                stagesMs = stages.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => new { answers = s.Value.Count, ms = BenchFigures.Percentiles(s.Value) }),
                textsEmbeddedPerAnswer = BenchFigures.Percentiles(embedded),
                paddedCharsEmbeddedPerAnswer = BenchFigures.Percentiles(paddedChars),
                paddedCharsEmbeddedMean = Math.Round(paddedChars.DefaultIfEmpty().Average(), 1),
            };
        }
    }

    public void Dispose() => listener.Dispose();

    private void Stopped(Activity activity)
    {
        var name = activity.OperationName.StartsWith("embeddings ", StringComparison.Ordinal) ? "embeddings" : activity.OperationName;
        lock (stages)
        {
            current[name] = current.GetValueOrDefault(name) + activity.Duration.TotalMilliseconds;
            if (name == "embeddings")
            {
                currentEmbedded += activity.GetTagItem("kb.embedding.inputs") as int? ?? 0;
                currentPaddedChars += activity.GetTagItem("kb.embedding.padded_chars") as int? ?? 0;
            }
        }
    }
}
