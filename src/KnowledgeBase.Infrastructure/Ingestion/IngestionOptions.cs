using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Ingestion;

public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Largest accepted file; larger uploads are refused before anything is stored.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;
}
