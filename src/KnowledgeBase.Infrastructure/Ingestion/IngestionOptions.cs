using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Ingestion;

public sealed class IngestionOptions : IValidatableObject
{
    public const string Section = "Ingestion";

    /// <summary>Largest accepted file; larger uploads are refused before anything is stored.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Largest upload request (all its files together); the body is read as it arrives and cut off here.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Longest a parser may work on one file; a file that takes longer fails for good with the reason.</summary>
    [Range(1, 86_400)]
    public int MaxParseSeconds { get; set; } = 300;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRequestBytes < MaxFileBytes)
        {
            yield return new ValidationResult(
                $"Ingestion:MaxRequestBytes ({MaxRequestBytes}) must be at least Ingestion:MaxFileBytes ({MaxFileBytes}).",
                [nameof(MaxRequestBytes)]);
        }
    }
}
