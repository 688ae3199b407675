namespace KnowledgeBase.Infrastructure.Redis;

/// <summary>
/// Redis makes API replicas behave as one (shared rate limits, the SignalR backplane). Unset, every process
/// keeps its own state: right for a single replica.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis:6379,password=…</c>; empty = no Redis.</summary>
    public string? ConnectionString { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}
