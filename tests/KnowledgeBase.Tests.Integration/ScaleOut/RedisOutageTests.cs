using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.ScaleOut;

/// <summary>
/// Redis configured but gone (it answered, then died): questions are decided as
/// <c>RateLimits:WhenRedisUnavailable</c> says, counted on <c>kb.ratelimit.store.unavailable</c>, never a 500.
/// </summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private const string Email = "outage@test.example";
    private const string Password = "outage-long-password";
    private TestDatabase database = null!;
    private RedisServer redis = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        redis = await RedisServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await redis.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Failing_open_falls_back_to_this_replicas_limits_and_failing_closed_refuses_with_retry_after()
    {
        using var outcomes = new MetricRecorder("kb.ratelimit.store.unavailable");
        await using var open = App("Allow");
        await using var closed = App("Refuse");
        await open.AddUserAsync(Email, Password, Roles.Employee);
        using var onOpen = await open.SignInAsync(Email, Password);
        using var onClosed = await closed.SignInAsync(Email, Password);
        Assert.Equal(HttpStatusCode.OK, (await AskAsync(onOpen)).StatusCode);

        await redis.KillAsync();
        var allowed = await AskAsync(onOpen);
        var overLocalLimit = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            overLocalLimit.Add((await AskAsync(onOpen)).StatusCode);
        }

        var refused = await AskAsync(onClosed);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        // This replica's own bucket (burst 2) now decides: the second question since the outage is its last.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], overLocalLimit);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("5", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("try again", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("fallback", outcomes.Tags("outcome"));
        Assert.Contains("refused", outcomes.Tags("outcome"));
    }

    private KnowledgeBaseApp App(string whenUnavailable) => new(database.ConnectionString, new Dictionary<string, string>
    {
        ["Redis:ConnectionString"] = redis.ConnectionString,
        ["RateLimits:WhenRedisUnavailable"] = whenUnavailable,
        ["RateLimits:AskBurst"] = "2",
        ["RateLimits:AskPerMinute"] = "1",
    });

    private static Task<HttpResponseMessage> AskAsync(SignedInClient client) =>
        client.Http.PostAsJsonAsync("/api/ask", new { question = "Is there a canteen?" });

    /// <summary>Records one instrument of the KnowledgeBase meter while it lives.</summary>
    private sealed class MetricRecorder : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly List<KeyValuePair<string, object?>[]> measurements = [];

        public MetricRecorder(string instrument)
        {
            listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == "KnowledgeBase" && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                lock (measurements)
                {
                    measurements.Add(tags.ToArray());
                }
            });
            listener.Start();
        }

        public List<string?> Tags(string name)
        {
            lock (measurements)
            {
                return measurements.SelectMany(m => m).Where(t => t.Key == name).Select(t => t.Value?.ToString()).ToList();
            }
        }

        public void Dispose() => listener.Dispose();
    }
}
