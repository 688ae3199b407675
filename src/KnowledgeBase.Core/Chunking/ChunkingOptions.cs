using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Core.Chunking;

public sealed class ChunkingOptions
{
    public const string Section = "Chunking";

    /// <summary>Upper bound in model tokens; all-MiniLM-L6-v2 reads at most 256 word pieces.</summary>
    [Range(32, 8192)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Tokens of the previous chunk repeated at the start of the next, so an answer spanning a boundary is still found.</summary>
    [Range(0, 1024)]
    public int OverlapTokens { get; set; } = 32;
}
