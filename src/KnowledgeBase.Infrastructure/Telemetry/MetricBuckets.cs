using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>
/// Histogram buckets sized for each unit. The SDK's defaults (0–10,000) suit milliseconds; our durations
/// are in seconds and token counts span six orders of magnitude. GenAI metrics use the conventions' boundaries.
/// </summary>
public static class MetricBuckets
{
    /// <summary>The GenAI conventions' boundaries for operation duration and time to first chunk.</summary>
    public static readonly double[] GenAiSeconds = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    /// <summary>The GenAI conventions' boundaries for token usage.</summary>
    public static readonly double[] Tokens = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    /// <summary>Any other duration in seconds: from a 1 ms step to a two-minute answer.</summary>
    public static readonly double[] Seconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    /// <summary>Checks that take micro- to milliseconds (the guardrails' rules per answer).</summary>
    public static readonly double[] FastSeconds = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1];

    /// <summary>Ingestion of one document or one step: up to an hour.</summary>
    public static readonly double[] LongSeconds = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    /// <summary>Counts of things per operation (results, passages, chunks).</summary>
    public static readonly double[] Counts = [0, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000];

    /// <summary>Similarity scores in [0, 1].</summary>
    public static readonly double[] Ratio = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.94, 0.96, 0.98, 0.99, 1];

    /// <summary>
    /// Answer-level time to first token. Must contain the SLO threshold (Slo:TtftSeconds, 2.5 s by default) so
    /// the SLI is an exact bucket count: <c>le="2.5"</c>.
    /// </summary>
    public static double[] TimeToFirstToken(double sloSeconds) =>
        [.. new double[] { 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10, 15, 20, 30, 60 }.Append(sloSeconds).Distinct().Order()];

    /// <summary>The buckets for one of our instruments (null: the SDK's choice, e.g. ASP.NET Core's own advice).</summary>
    public static double[]? For(Instrument instrument, double sloSeconds)
    {
        if (instrument.Meter.Name != KnowledgeBaseTelemetry.Name || !IsHistogram(instrument))
        {
            return null;
        }

        return instrument.Name switch
        {
            "gen_ai.client.operation.duration" or "gen_ai.client.operation.time_to_first_chunk" => GenAiSeconds,
            "kb.ask.time_to_first_token" => TimeToFirstToken(sloSeconds),
            "kb.guardrail.duration" => FastSeconds,
            _ when instrument.Name.StartsWith("kb.ingestion.", StringComparison.Ordinal) && instrument.Unit == "s" => LongSeconds,
            _ => instrument.Unit switch
            {
                "s" => Seconds,
                "{token}" => Tokens,
                "1" => Ratio,
                _ => Counts,
            },
        };
    }

    /// <summary>The view that applies <see cref="For"/>.</summary>
    public static MeterProviderBuilder AddKnowledgeBaseViews(this MeterProviderBuilder metrics, double sloSeconds) =>
        metrics.AddView(instrument => For(instrument, sloSeconds) is { } buckets
            ? new ExplicitBucketHistogramConfiguration { Boundaries = buckets }
            : null);

    private static bool IsHistogram(Instrument instrument) =>
        instrument.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(Histogram<>);
}
