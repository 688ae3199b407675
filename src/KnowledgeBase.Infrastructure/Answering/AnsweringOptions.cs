using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Answering;

public sealed class AnsweringOptions
{
    public const string Section = "Answering";

    /// <summary>How many chunks are retrieved and numbered as sources.</summary>
    [Range(1, 50)]
    public int TopK { get; set; } = 5;
}
