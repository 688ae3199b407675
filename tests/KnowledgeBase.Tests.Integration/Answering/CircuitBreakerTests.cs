using System.Diagnostics;
using System.Net;
using KnowledgeBase.Infrastructure.Answering.Llm;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Answering;

/// <summary>
/// A provider's circuit opens after repeated failures, fast or slow (answers then come from the extractive
/// fallback without calling it), and closes within seconds of the provider coming back, once a trial call
/// succeeds. An app of its own per test: no documents are needed, the model is asked anyway.
/// </summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private const string Email = "breaker@test.example";
    private const string Password = "long-enough-password";
    private FakeChatServer server = null!;
    private TestDatabase database = null!;
    private KnowledgeBaseApp? app;

    public async Task InitializeAsync()
    {
        server = await FakeChatServer.StartAsync();
        database = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        await database.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_closes_within_seconds_of_the_provider_coming_back()
    {
        using var client = await StartAsync(("Llm:Resilience:BreakerMinimumThroughput", "2"), ("Llm:Resilience:BreakSeconds", "4"));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        server.Reset(_ => ChatFault.Unavailable);

        var first = await AskAsync(client, bound.Token);
        var second = await AskAsync(client, bound.Token);
        Assert.Equal(2, server.CallsTo("model-c"));
        Assert.All([first, second], d => Assert.Equal("extractive", d.Mode));
        Assert.Equal(CircuitState.Open, Circuit().State);

        // Open: the model is not called at all and the notice says why.
        var third = await AskAsync(client, bound.Token);
        Assert.Equal(2, server.CallsTo("model-c"));
        Assert.Equal("extractive", third.Mode);
        Assert.Contains("circuit open", third.Notice, StringComparison.Ordinal);

        // The provider is back: after the (short) break a trial call goes through and closes the circuit.
        server.Behaviour = _ => ChatFault.None;
        var back = Stopwatch.StartNew();
        while ((await AskAsync(client, bound.Token)).Mode != "llm")
        {
            await Task.Delay(200, bound.Token);
        }

        Assert.True(back.Elapsed < TimeSpan.FromSeconds(15), $"answers came from the model again {back.Elapsed.TotalSeconds:0.0} s after it recovered");
        Assert.Equal("llm", (await AskAsync(client, bound.Token)).Mode);
        Assert.Equal(CircuitState.Closed, Circuit().State);
    }

    [Fact]
    public async Task Slow_failures_one_at_a_time_open_the_circuit_by_the_consecutive_failure_rule()
    {
        // The ratio rule would need 1000 calls: only failures in a row can open this circuit.
        using var client = await StartAsync(
            ("Llm:Resilience:BreakerMinimumThroughput", "1000"), ("Llm:Resilience:BreakerConsecutiveFailures", "3"),
            ("Llm:Resilience:BreakSeconds", "60"), ("Llm:Resilience:FirstTokenSeconds", "1"), ("Llm:Resilience:MaxRetries", "2"));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        server.Delay = TimeSpan.FromSeconds(30);
        server.Reset(_ => ChatFault.SlowFirstToken);

        for (var i = 1; i <= 3; i++)
        {
            var slow = await AskAsync(client, bound.Token);
            Assert.Contains("no first token within 1 s", slow.Notice, StringComparison.Ordinal);
            Assert.Equal(i, server.CallsTo("model-c"));
        }

        Assert.Equal(CircuitState.Open, Circuit().State);
        var open = Stopwatch.StartNew();
        var skipped = await AskAsync(client, bound.Token);
        Assert.Contains("circuit open", skipped.Notice, StringComparison.Ordinal);
        Assert.Equal(3, server.CallsTo("model-c"));
        Assert.True(open.Elapsed < TimeSpan.FromSeconds(10), "an open circuit answers without waiting for the model");
    }

    private async Task<SignedInClient> StartAsync(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string>
        {
            ["Llm:Providers:0:Model"] = "model-c",
            ["Llm:Providers:0:Endpoint"] = server.BaseAddress.ToString(),
            ["Llm:Resilience:MaxRetries"] = "0",
            ["Llm:Resilience:BreakerFailureRatio"] = "0.5",
            ["Llm:Resilience:BreakerSamplingSeconds"] = "60",
            ["RateLimits:AskBurst"] = "1000",
            ["RateLimits:AskPerMinute"] = "1000",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        app = new KnowledgeBaseApp(database.ConnectionString, all);
        await app.AddUserAsync(Email, Password, Roles.Employee);
        return await app.SignInAsync(Email, Password);
    }

    private ProviderCircuit Circuit() => app!.Services.GetRequiredService<ChatProviderChain>().Providers[0].Circuit;

    private static async Task<(string Mode, string Notice)> AskAsync(SignedInClient client, CancellationToken cancellationToken)
    {
        var (status, events) = await ChatEvents.AskOverSseAsync(client.Http, "Is there a gym?", cancellationToken);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("done", events[^1].Type());
        return (events[^1].GetProperty("mode").GetString()!, string.Concat(events.Where(e => e.Type() == "notice").Select(e => e.GetProperty("message").GetString())));
    }
}
