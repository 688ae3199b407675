using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Ingestion.Queue;

public sealed class WorkerOptions
{
    public const string Section = "Workers";

    /// <summary>The Api runs ingestion workers unless this is false (then run KnowledgeBase.Worker).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Jobs processed at once by this process: one parses while another embeds. The in-process
    /// encoder runs one batch at a time whatever this is (it already uses every core).
    /// </summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 2;

    /// <summary>A claimed job whose lease is not renewed for this long is taken over by another worker.</summary>
    [Range(2, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often a sleeping worker looks for jobs when no notification arrives.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// <summary>Attempts before a job that keeps failing transiently is marked failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubled per attempt, with jitter, capped at ten minutes.</summary>
    [Range(0, 3600)]
    public double RetryBaseSeconds { get; set; } = 5;
}
