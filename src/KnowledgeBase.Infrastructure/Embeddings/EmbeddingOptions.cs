using System.ComponentModel.DataAnnotations;
using KnowledgeBase.Infrastructure.Data;

namespace KnowledgeBase.Infrastructure.Embeddings;

public enum EmbeddingProvider
{
    /// <summary>An ONNX model inside this process (no network, no key).</summary>
    InProcess,

    /// <summary>OpenAI or any OpenAI-compatible endpoint (Ollama, vLLM, LiteLLM, Portkey, Azure OpenAI's v1 API).</summary>
    OpenAI,
}

public sealed class EmbeddingOptions : IValidatableObject
{
    public const string Section = "Embeddings";

    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.InProcess;

    /// <summary>
    /// In-process: all-MiniLM-L6-v2 (default) or snowflake-arctic-embed-xs. Remote: the provider's
    /// model id. Documents record the model that embedded them; search only compares vectors of the
    /// current model, so switching models means re-ingesting.
    /// </summary>
    [Required]
    public string Model { get; set; } = EmbeddingModels.MiniLmName;

    /// <summary>Remote only: base URL, e.g. https://api.openai.com/v1 or http://localhost:11434/v1.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Remote only: the API key (from configuration or a secret store, never from code).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Remote only: requested vector size; the database column holds 384 dimensions.</summary>
    public int Dimensions { get; set; } = KnowledgeBaseDbContext.EmbeddingDimensions;

    /// <summary>Remote only: text put in front of queries (some models are trained with an instruction).</summary>
    public string QueryPrefix { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == EmbeddingProvider.InProcess && Model is not (EmbeddingModels.MiniLmName or EmbeddingModels.ArcticXsName))
        {
            yield return new ValidationResult($"Embeddings:Model '{Model}' is not an in-process model ({EmbeddingModels.MiniLmName}, {EmbeddingModels.ArcticXsName}).", [nameof(Model)]);
        }

        if (Provider == EmbeddingProvider.OpenAI && Endpoint is null)
        {
            yield return new ValidationResult("Embeddings:Endpoint is required for the OpenAI provider.", [nameof(Endpoint)]);
        }

        if (Dimensions != KnowledgeBaseDbContext.EmbeddingDimensions)
        {
            yield return new ValidationResult($"Embeddings:Dimensions must be {KnowledgeBaseDbContext.EmbeddingDimensions} (the vector column's size).", [nameof(Dimensions)]);
        }
    }
}
