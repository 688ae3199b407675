using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Embeddings;

public sealed class EmbeddingOptions
{
    public const string Section = "Embeddings";

    /// <summary>In-process model: all-MiniLM-L6-v2 (default) or snowflake-arctic-embed-xs. Documents record the model that embedded them; search only compares vectors of the current model.</summary>
    [Required]
    [AllowedValues(EmbeddingModels.MiniLmName, EmbeddingModels.ArcticXsName)]
    public string Model { get; set; } = EmbeddingModels.MiniLmName;
}
