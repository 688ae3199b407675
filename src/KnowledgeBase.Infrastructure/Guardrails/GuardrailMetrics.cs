using System.Diagnostics.Metrics;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Guardrails;

/// <summary>
/// <c>kb.guardrail.actions</c> (labels <c>rule</c>, <c>action</c>: fixed sets, never matched text or a configured
/// term) and <c>kb.guardrail.duration</c> (seconds spent in the rules per check: <c>input</c>, <c>sources</c>, <c>output</c>,
/// <c>grounding</c>).
/// </summary>
public static class GuardrailMetrics
{
    public static readonly Counter<long> Actions = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.guardrail.actions", "{action}", "Guardrail actions taken, by rule and action.");

    public static readonly Histogram<double> Duration = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "kb.guardrail.duration", "s", "Time spent in guardrail rules per check (input, sources, output, grounding); buckets: MetricBuckets.FastSeconds.");

    public static void Count(IEnumerable<GuardrailEvent> events)
    {
        foreach (var e in events)
        {
            Actions.Add(1, new KeyValuePair<string, object?>("rule", e.Rule), new KeyValuePair<string, object?>("action", e.Action));
        }
    }
}
