using System.Net;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Answering;

/// <summary>
/// A provider's circuit opens after the configured failures (answers come from the extractive
/// fallback without calling it) and closes again after the break, once a trial call succeeds.
/// An app of its own: no documents are needed, the model is asked anyway.
/// </summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private const string Email = "breaker@test.example";
    private const string Password = "long-enough-password";
    private FakeChatServer server = null!;
    private TestDatabase database = null!;
    private KnowledgeBaseApp app = null!;

    public async Task InitializeAsync()
    {
        server = await FakeChatServer.StartAsync();
        database = await TestDatabase.CreateAsync();
        app = new KnowledgeBaseApp(database.ConnectionString, new Dictionary<string, string>
        {
            ["Llm:Providers:0:Model"] = "model-c",
            ["Llm:Providers:0:Endpoint"] = server.BaseAddress.ToString(),
            ["Llm:Resilience:MaxRetries"] = "0",
            ["Llm:Resilience:BreakerMinimumThroughput"] = "2",
            ["Llm:Resilience:BreakerFailureRatio"] = "0.5",
            ["Llm:Resilience:BreakerSamplingSeconds"] = "60",
            ["Llm:Resilience:BreakSeconds"] = "1",
            ["RateLimits:AskBurst"] = "1000",
            ["RateLimits:AskPerMinute"] = "1000",
        });
        await app.AddUserAsync(Email, Password, Roles.Employee);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await database.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_closes_after_the_break()
    {
        using var client = await app.SignInAsync(Email, Password);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        server.Reset(_ => ChatFault.Unavailable);

        var first = await AskAsync(client, bound.Token);
        var second = await AskAsync(client, bound.Token);
        Assert.Equal(2, server.CallsTo("model-c"));
        Assert.All([first, second], d => Assert.Equal("extractive", d.Mode));

        // Open: the model is not called at all and the notice says why.
        var third = await AskAsync(client, bound.Token);
        Assert.Equal(2, server.CallsTo("model-c"));
        Assert.Equal("extractive", third.Mode);
        Assert.Contains("circuit open", third.Notice, StringComparison.Ordinal);

        // After the break a trial call goes through; it succeeds, so the circuit closes.
        server.Behaviour = _ => ChatFault.None;
        var mode = third.Mode;
        while (mode != "llm")
        {
            await Task.Delay(200, bound.Token);
            mode = (await AskAsync(client, bound.Token)).Mode;
        }

        Assert.Equal("llm", (await AskAsync(client, bound.Token)).Mode);
        Assert.Equal(4, server.CallsTo("model-c"));
    }

    private static async Task<(string Mode, string Notice)> AskAsync(SignedInClient client, CancellationToken cancellationToken)
    {
        var (status, events) = await ChatEvents.AskOverSseAsync(client.Http, "Is there a gym?", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("done", events[^1].Type());
        return (events[^1].GetProperty("mode").GetString()!, string.Concat(events.Where(e => e.Type() == "notice").Select(e => e.GetProperty("message").GetString())));
    }
}
