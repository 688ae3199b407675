using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder of the file-system blob store; relative paths are taken from the working directory.</summary>
    [Required]
    public string Root { get; set; } = Path.Combine(".data", "blobs");
}
