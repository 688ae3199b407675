namespace KnowledgeBase.Infrastructure.Documents;

/// <summary>
/// The one definition of the status names stored in <c>documents.status</c>, <c>ingestion_jobs.status</c>
/// and <c>ingestion_jobs.stage</c>, shown in the API and sent in progress messages. The EF converters,
/// the queue's SQL (<see cref="StatusSql"/>) and the search filter all use these.
/// </summary>
public static class StatusNames
{
    public const string Queued = "queued";
    public const string Parsing = "parsing";
    public const string Chunking = "chunking";
    public const string Embedding = "embedding";
    public const string Ready = "ready";
    public const string Failed = "failed";

    public const string Pending = "pending";
    public const string Running = "running";
    public const string Done = "done";

    public static string Of(DocumentStatus status) => status switch
    {
        DocumentStatus.Queued => Queued,
        DocumentStatus.Parsing => Parsing,
        DocumentStatus.Chunking => Chunking,
        DocumentStatus.Embedding => Embedding,
        DocumentStatus.Ready => Ready,
        DocumentStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(JobStatus status) => status switch
    {
        JobStatus.Pending => Pending,
        JobStatus.Running => Running,
        JobStatus.Done => Done,
        JobStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status with this stored name (exactly; numbers and other spellings are not names).</summary>
    public static bool TryParse(string? name, out DocumentStatus status) => TryFind(name, Of, out status);

    /// <inheritdoc cref="TryParse(string?, out DocumentStatus)"/>
    public static bool TryParse(string? name, out JobStatus status) => TryFind(name, Of, out status);

    internal static T Parse<T>(string name, Func<T, string> of)
        where T : struct, Enum =>
        TryFind(name, of, out var status) ? status : throw new InvalidOperationException($"Unknown stored status '{name}'.");

    private static bool TryFind<T>(string? name, Func<T, string> of, out T status)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (of(candidate) == name)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
