using System.Diagnostics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Ingestion;

/// <summary>The pipeline's steps, in order; the name of each one's span and duration label.</summary>
public enum IngestionStepName
{
    Parse,

    /// <summary>The guardrails' look at a parsed document: planted instructions, zero-width characters (warnings).</summary>
    Screen,
    Chunk,
    Embed,
    Store,
}

/// <summary>
/// The one shape of a pipeline step: a typed input and output (each step gets what it needs, no
/// shared mutable pipeline object), a span <c>ingest {name}</c>, and its duration recorded in
/// <c>kb.ingestion.step.duration</c> with the label <c>step={name}</c>. The processor composes the
/// steps in code, so a new step (a check that rejects or warns) is one line there.
/// </summary>
public abstract class IngestionStep<TInput, TOutput>
{
    private readonly string activityName;
    private readonly KeyValuePair<string, object?> stepLabel;

    protected IngestionStep(IngestionStepName name)
    {
        Name = name;
        var label = name.ToString().ToLowerInvariant();
        activityName = $"ingest {label}";
        stepLabel = new("step", label);
    }

    public IngestionStepName Name { get; }

    public async Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken)
    {
        using var activity = KnowledgeBaseTelemetry.Source.StartActivity(activityName);
        var started = Stopwatch.GetTimestamp();
        var output = await ExecuteAsync(input, activity, cancellationToken);
        IngestionMetrics.StepDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, stepLabel);
        return output;
    }

    /// <summary>The step's work; <paramref name="activity"/> (when traced) takes the step's own tags.</summary>
    protected abstract Task<TOutput> ExecuteAsync(TInput input, Activity? activity, CancellationToken cancellationToken);
}
