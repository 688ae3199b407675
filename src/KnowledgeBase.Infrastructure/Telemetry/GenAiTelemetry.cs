using System.Diagnostics.Metrics;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>Model-call metrics named by the OpenTelemetry GenAI conventions, plus the answer's cost.</summary>
public static class GenAiTelemetry
{
    public static readonly Histogram<long> TokenUsage = KnowledgeBaseTelemetry.Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens used per model call, by gen_ai.token.type (input/output).",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144] });

    public static readonly Histogram<double> OperationDuration = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of a model call, retries included.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92] });

    public static readonly Histogram<double> TimeToFirstToken = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "kb.llm.time_to_first_token", "s", "From sending the request to the first streamed token.");

    public static readonly Counter<double> Cost = KnowledgeBaseTelemetry.Meter.CreateCounter<double>(
        "kb.answer.cost", "{currency}", "Model cost of answers (Llm:Pricing), by model, user and collection.");

    public static readonly Counter<long> Fallbacks = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.llm.fallbacks", "{fallback}", "Switches from a failing model to the next one in the chain (or to extractive answers).");
}
