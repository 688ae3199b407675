using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Conversations;

/// <summary>How answers that could not be stored are kept until the database is back (section <c>AnswerRecovery</c>).</summary>
public sealed class AnswerRecoveryOptions
{
    public const string Section = "AnswerRecovery";

    /// <summary>Attempts in memory (1 s, doubling, at most 30 s apart: about two minutes for 8) before the answer is spooled to disk.</summary>
    [Range(1, 100)]
    public int StoreRetries { get; set; } = 8;

    /// <summary>Answers waiting in memory at most; beyond that they go straight to the spool.</summary>
    [Range(1, 1_000_000)]
    public int MaxPending { get; set; } = 10_000;

    /// <summary>Where answers wait on disk for the database (one JSON file each); relative paths are taken from the working directory.</summary>
    [Required]
    public string SpoolDirectory { get; set; } = Path.Combine(".data", "answer-spool");

    /// <summary>
    /// A question this old with no answer row was abandoned (its process crashed or lost the answer): it is closed
    /// as failed at start-up and every few minutes. Longer than any answer can take, retries and fallbacks included.
    /// </summary>
    [Range(1, 7 * 24 * 3600)]
    public int UnansweredAfterSeconds { get; set; } = 900;
}
