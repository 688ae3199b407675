using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Data;

/// <summary>The connection string and how the app rides out a database that is briefly unavailable (section <c>Database</c>).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string ConnectionStringName = "KnowledgeBase";

    /// <summary>The local dev database that infra/dev/db.sh starts.</summary>
    public const string DefaultConnectionString =
        "Host=127.0.0.1;Port=54329;Database=knowledgebase;Username=kb;Password=kb";

    /// <summary>The Retry-After (seconds) sent with a 503 while the database is unavailable.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Retries of a failed command outside a transaction (a blip, a restarted server's dead pooled connections); 0: none.</summary>
    [Range(0, 10)]
    public int CommandRetries { get; set; } = 2;

    /// <summary>The longest wait between two of those retries.</summary>
    [Range(0, 60_000)]
    public int CommandRetryMaxDelayMilliseconds { get; set; } = 1000;

    /// <summary>At start-up, the longest wait between two attempts to reach the database (the process waits, it never exits for it).</summary>
    [Range(1, 3600)]
    public int StartupMaxDelaySeconds { get; set; } = 30;
}
