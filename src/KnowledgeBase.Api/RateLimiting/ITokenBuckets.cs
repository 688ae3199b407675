namespace KnowledgeBase.Api.RateLimiting;

/// <summary>
/// Named token buckets, in this process (<see cref="InProcessTokenBuckets"/>) or shared by every replica
/// (<see cref="RedisTokenBuckets"/>). Every limiter of the app takes from here, keyed by a prefix of its own
/// (<c>user:</c>, <c>key:</c>, …), so one setting decides whether limits are per replica or global.
/// </summary>
public interface ITokenBuckets
{
    /// <summary>Takes one token from <paramref name="key"/>'s bucket: null when taken, otherwise how long until one is there.</summary>
    ValueTask<TimeSpan?> TryTakeAsync(string key, TokenBucketRule rule, CancellationToken cancellationToken);
}
