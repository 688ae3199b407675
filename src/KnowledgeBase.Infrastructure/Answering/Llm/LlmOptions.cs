using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Core.Answering;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

public enum LlmProviderType
{
    /// <summary>OpenAI, or any OpenAI-compatible base URL (Ollama, vLLM, LiteLLM, Portkey).</summary>
    OpenAI,

    /// <summary>An Azure OpenAI resource (deployment name + resource endpoint).</summary>
    AzureOpenAI,

    /// <summary>Anthropic's Messages API (Claude) through the official Anthropic SDK; the instructions are marked for its prompt cache.</summary>
    Anthropic,
}

/// <summary>One chat model in the fallback chain.</summary>
public sealed class LlmProviderOptions
{
    /// <summary>A short unique name (logs, metrics, circuit breaker); defaults to the model.</summary>
    public string? Name { get; set; }

    public LlmProviderType Type { get; set; } = LlmProviderType.OpenAI;

    /// <summary>The model id (for Azure: the model behind the deployment, used for pricing and telemetry).</summary>
    [Required]
    public string Model { get; set; } = string.Empty;

    /// <summary>
    /// Base URL. OpenAI: optional (default https://api.openai.com/v1), e.g. http://localhost:11434/v1. Azure: the resource
    /// endpoint. Anthropic: optional (default https://api.anthropic.com, without /v1).
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>From configuration, user secrets or the environment; never from code. Optional for local servers.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Azure only: the deployment name (defaults to the model).</summary>
    public string? Deployment { get; set; }

    /// <summary>Streams open at once to this provider; more wait (up to <see cref="LlmResilienceOptions.MaxQueue"/>), beyond that the next provider answers.</summary>
    public int? MaxConcurrency { get; set; }

    public string Key => string.IsNullOrWhiteSpace(Name) ? Model : Name;

    /// <summary>The gen_ai.provider.name of this provider (OTel GenAI conventions).</summary>
    public string SystemName => Type switch
    {
        LlmProviderType.AzureOpenAI => "azure.ai.openai",
        LlmProviderType.Anthropic => "anthropic",
        _ => "openai",
    };
}

/// <summary>Timeouts sized for streaming, retries, circuit breaker and concurrency, for every provider.</summary>
public sealed class LlmResilienceOptions
{
    /// <summary>
    /// Longest wait for a provider's first token, from the start of the call (connecting, the model's queue and
    /// every retry together): past it the next provider answers. With a healthy fallback, a stalled primary
    /// delays the first token by about this much.
    /// </summary>
    [Range(0.01, 600)]
    public double FirstTokenSeconds { get; set; } = 15;

    /// <summary>Longest silence between two chunks once the answer streams.</summary>
    [Range(0.01, 600)]
    public double IdleSeconds { get; set; } = 10;

    /// <summary>Longest a provider may take for one answer, retries included.</summary>
    [Range(0.01, 3600)]
    public double TotalSeconds { get; set; } = 120;

    /// <summary>Retries of one provider while nothing has reached the client (0: none).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; doubled each time, with jitter. A Retry-After header wins when present.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 500;

    /// <summary>A Retry-After longer than this is not waited for: the next provider answers instead.</summary>
    [Range(0, 300)]
    public double MaxRetryAfterSeconds { get; set; } = 10;

    /// <summary>Share of failed calls within <see cref="BreakerSamplingSeconds"/> that opens a provider's circuit.</summary>
    [Range(0.01, 1)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed in the sampling window before the failure ratio may open the circuit.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 4;

    /// <summary>Failures in a row that open the circuit whatever the ratio (slow, one-at-a-time failures included).</summary>
    [Range(1, 10_000)]
    public int BreakerConsecutiveFailures { get; set; } = 3;

    [Range(0.5, 3600)]
    public double BreakerSamplingSeconds { get; set; } = 30;

    /// <summary>How long an open circuit skips the provider before one trial call (longer when the provider's Retry-After says so).</summary>
    [Range(0.5, 3600)]
    public double BreakSeconds { get; set; } = 5;

    /// <summary>The longest break a provider's Retry-After can ask for.</summary>
    [Range(0.5, 86_400)]
    public double MaxBreakSeconds { get; set; } = 300;

    [Range(1, 10_000)]
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>Streams waiting for a free slot before the next provider is used instead.</summary>
    [Range(0, 10_000)]
    public int MaxQueue { get; set; } = 64;
}

/// <summary>
/// The chat models that answer (section <c>Llm</c>): an ordered chain, primary first. With none,
/// answers are extractive; with some, the extractive answerer is still the last fallback.
/// </summary>
public sealed class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    public List<LlmProviderOptions> Providers { get; set; } = [];

    /// <summary>Price per model id (case-insensitive) per million input and output tokens; unlisted models cost 0.</summary>
    public Dictionary<string, ModelPrice> Pricing { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Token budget for the numbered sources in a prompt.</summary>
    [Range(100, 200_000)]
    public int SourceTokens { get; set; } = 3000;

    /// <summary>Token budget for the earlier turns of a conversation.</summary>
    [Range(0, 100_000)]
    public int HistoryTokens { get; set; } = 1000;

    [Range(16, 32_000)]
    public int MaxOutputTokens { get; set; } = 800;

    [Range(0, 2)]
    public double Temperature { get; set; } = 0.1;

    /// <summary>Tiktoken encoding that measures budgets: o200k_base or cl100k_base (null: the model's own, else o200k_base).</summary>
    public string? Tokenizer { get; set; }

    /// <summary>How long a follow-up may take to condense into a search query before the question is searched as is.</summary>
    [Range(0.05, 60)]
    public double CondenseTimeoutSeconds { get; set; } = 3;

    public LlmResilienceOptions Resilience { get; set; } = new();

    public bool Enabled => Providers.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Resilience, new ValidationContext(Resilience), results, validateAllProperties: true);
        foreach (var provider in Providers)
        {
            Validator.TryValidateObject(provider, new ValidationContext(provider), results, validateAllProperties: true);
            if (provider.Type == LlmProviderType.AzureOpenAI && provider.Endpoint is null)
            {
                results.Add(new ValidationResult($"Llm provider '{provider.Key}': Endpoint is required for Azure OpenAI.", [nameof(Providers)]));
            }

            if (provider.Type == LlmProviderType.Anthropic && string.IsNullOrWhiteSpace(provider.ApiKey))
            {
                results.Add(new ValidationResult($"Llm provider '{provider.Key}': ApiKey is required for Anthropic (set Llm:Providers:N:ApiKey in configuration, user secrets or the environment).", [nameof(Providers)]));
            }

            if (provider.MaxConcurrency is < 1)
            {
                results.Add(new ValidationResult($"Llm provider '{provider.Key}': MaxConcurrency must be at least 1.", [nameof(Providers)]));
            }
        }

        foreach (var duplicate in Providers.GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            results.Add(new ValidationResult($"Llm providers need unique names; '{duplicate.Key}' appears {duplicate.Count()} times (set Name).", [nameof(Providers)]));
        }

        if (Tokenizer is not (null or "o200k_base" or "cl100k_base"))
        {
            results.Add(new ValidationResult($"Llm:Tokenizer '{Tokenizer}' is not o200k_base or cl100k_base.", [nameof(Tokenizer)]));
        }

        foreach (var (model, price) in Pricing)
        {
            if (price.InputPerMillion < 0 || price.OutputPerMillion < 0 || price.CachedInputPerMillion < 0 || price.CacheWriteInputPerMillion < 0)
            {
                results.Add(new ValidationResult($"Llm:Pricing:{model}: prices cannot be negative.", [nameof(Pricing)]));
            }
        }

        return results;
    }
}
