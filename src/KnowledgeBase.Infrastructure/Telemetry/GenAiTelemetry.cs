using System.Diagnostics.Metrics;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>
/// Model-call metrics named by the OpenTelemetry GenAI conventions, plus the answer's cost. Labels are
/// bounded: model, provider, token type, error type and known collections; never users or free text.
/// Bucket boundaries are set once in <see cref="MetricBuckets"/>.
/// </summary>
public static class GenAiTelemetry
{
    public static readonly Histogram<long> TokenUsage = KnowledgeBaseTelemetry.Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", "{token}", "Tokens used per model call, by gen_ai.token.type (input/output).");

    public static readonly Histogram<double> OperationDuration = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", "s", "Duration of a model call, retries included.");

    public static readonly Histogram<double> TimeToFirstChunk = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "gen_ai.client.operation.time_to_first_chunk", "s", "From sending the request to the first streamed chunk of a model call.");

    public static readonly Counter<long> CachedInputTokens = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.llm.cached_input_tokens", "{token}", "Input tokens the provider served from its prompt cache (part of the input tokens).");

    public static readonly Counter<double> Cost = KnowledgeBaseTelemetry.Meter.CreateCounter<double>(
        "kb.answer.cost", "{currency}", "Model cost of answers (Llm:Pricing), by model and collection.");

    public static readonly Counter<long> Fallbacks = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.llm.fallbacks", "{fallback}", "Switches from a failing model to the next one in the chain (or to extractive answers).");
}
