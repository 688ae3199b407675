namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>The span attributes Langfuse maps onto its traces and observations (it also reads gen_ai.*).</summary>
public static class LangfuseAttributes
{
    public const string TraceName = "langfuse.trace.name";
    public const string UserId = "langfuse.user.id";
    public const string SessionId = "langfuse.session.id";
    public const string TraceTags = "langfuse.trace.tags";
    public const string TraceInput = "langfuse.trace.input";
    public const string TraceOutput = "langfuse.trace.output";
    public const string Release = "langfuse.release";
    public const string Environment = "langfuse.environment";

    public const string ObservationType = "langfuse.observation.type";
    public const string ObservationInput = "langfuse.observation.input";
    public const string ObservationOutput = "langfuse.observation.output";
    public const string UsageDetails = "langfuse.observation.usage_details";
    public const string CostDetails = "langfuse.observation.cost_details";
    public const string CompletionStartTime = "langfuse.observation.completion_start_time";
    public const string PromptName = "langfuse.observation.prompt.name";
    public const string PromptVersion = "langfuse.observation.prompt.version";

    /// <summary>Observation types (Langfuse shows each with its own icon and fields).</summary>
    public const string Generation = "generation";
    public const string Retriever = "retriever";
    public const string Embedding = "embedding";
    public const string Chain = "chain";
    public const string Guardrail = "guardrail";
    public const string Span = "span";
}
