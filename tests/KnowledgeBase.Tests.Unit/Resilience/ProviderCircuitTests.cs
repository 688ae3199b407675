using KnowledgeBase.Infrastructure.Answering.Llm;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeBase.Tests.Unit.Resilience;

public sealed class ProviderCircuitTests
{
    private readonly ManualClock clock = new();

    private ProviderCircuit Circuit(Action<LlmResilienceOptions>? configure = null)
    {
        var options = new LlmResilienceOptions
        {
            BreakerConsecutiveFailures = 3,
            BreakerMinimumThroughput = 4,
            BreakerFailureRatio = 0.5,
            BreakerSamplingSeconds = 30,
            BreakSeconds = 5,
            MaxBreakSeconds = 300,
            MaxRetryAfterSeconds = 10,
        };
        configure?.Invoke(options);
        return new ProviderCircuit("primary", options, clock, NullLogger.Instance);
    }

    /// <summary>Three failures in a row: open for the 5 s break.</summary>
    private static void Open(ProviderCircuit circuit)
    {
        for (var i = 0; i < 3; i++)
        {
            Call(circuit, fails: true);
        }

        Assert.Equal(CircuitState.Open, circuit.State);
    }

    private static void Call(ProviderCircuit circuit, bool fails, TimeSpan? retryAfter = null)
    {
        Assert.True(circuit.TryEnter(out _, out var trial), "the call is let through");
        if (fails)
        {
            circuit.Failed(trial, retryAfter);
        }
        else
        {
            circuit.Succeeded(trial);
        }
    }

    [Fact]
    public void Failures_in_a_row_open_the_circuit_even_when_too_few_calls_for_the_ratio_rule()
    {
        var circuit = Circuit(o => o.BreakerMinimumThroughput = 1000);

        // One slow failure every 15 s: the ratio rule never sees enough calls.
        Call(circuit, fails: true);
        clock.Advance(TimeSpan.FromSeconds(15));
        Call(circuit, fails: true);
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(CircuitState.Closed, circuit.State);
        Call(circuit, fails: true);

        Assert.Equal(CircuitState.Open, circuit.State);
        Assert.False(circuit.TryEnter(out var wait, out _));
        Assert.Equal(TimeSpan.FromSeconds(5), wait);
    }

    [Fact]
    public void A_success_between_failures_starts_the_count_again()
    {
        var circuit = Circuit(o => o.BreakerMinimumThroughput = 1000);

        Call(circuit, fails: true);
        Call(circuit, fails: true);
        Call(circuit, fails: false);
        Call(circuit, fails: true);
        Call(circuit, fails: true);

        Assert.Equal(CircuitState.Closed, circuit.State);
    }

    [Fact]
    public void The_failure_ratio_opens_the_circuit_once_enough_calls_were_seen()
    {
        var circuit = Circuit(o => o.BreakerConsecutiveFailures = 1000);

        Call(circuit, fails: true);
        Call(circuit, fails: false);
        Call(circuit, fails: true);
        Assert.Equal(CircuitState.Closed, circuit.State);
        Call(circuit, fails: false);
        Assert.Equal(CircuitState.Closed, circuit.State);
        Call(circuit, fails: true);

        Assert.Equal(CircuitState.Open, circuit.State);
    }

    [Fact]
    public void Failures_older_than_the_sampling_window_do_not_count_toward_the_ratio()
    {
        var circuit = Circuit(o => o.BreakerConsecutiveFailures = 1000);

        Call(circuit, fails: true);
        Call(circuit, fails: true);
        Call(circuit, fails: false);
        clock.Advance(TimeSpan.FromSeconds(40));
        Call(circuit, fails: false);
        Call(circuit, fails: false);
        Call(circuit, fails: true);

        Assert.Equal(CircuitState.Closed, circuit.State);
    }

    [Fact]
    public void The_break_lasts_at_least_the_providers_Retry_After_capped()
    {
        var circuit = Circuit(o => o.MaxRetryAfterSeconds = 1000);
        Call(circuit, fails: true);
        Call(circuit, fails: true);
        Call(circuit, fails: true, retryAfter: TimeSpan.FromSeconds(120));

        Assert.False(circuit.TryEnter(out var wait, out _));
        Assert.Equal(TimeSpan.FromSeconds(120), wait);

        var capped = new ProviderCircuitTests().Circuit(o => o.MaxBreakSeconds = 60);
        Call(capped, fails: true, retryAfter: TimeSpan.FromHours(1));
        Assert.False(capped.TryEnter(out var cappedWait, out _));
        Assert.Equal(TimeSpan.FromSeconds(60), cappedWait);
    }

    [Fact]
    public void A_Retry_After_too_long_to_wait_for_opens_the_circuit_at_once()
    {
        var circuit = Circuit();

        Call(circuit, fails: true, retryAfter: TimeSpan.FromSeconds(120));

        Assert.Equal(CircuitState.Open, circuit.State);
        Assert.False(circuit.TryEnter(out var wait, out _));
        Assert.Equal(TimeSpan.FromSeconds(120), wait);
    }

    [Fact]
    public void After_the_break_one_trial_call_goes_through_and_its_success_closes_the_circuit()
    {
        var circuit = Circuit();
        Open(circuit);
        var changes = new List<CircuitState>();
        circuit.Changed += (_, state) => changes.Add(state);

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(circuit.TryEnter(out _, out var trial));
        Assert.True(trial);
        Assert.Equal(CircuitState.HalfOpen, circuit.State);
        Assert.False(circuit.TryEnter(out _, out _), "one trial at a time");
        circuit.Succeeded(trial);

        Assert.Equal(CircuitState.Closed, circuit.State);
        Assert.Equal([CircuitState.HalfOpen, CircuitState.Closed], changes);
        Assert.True(circuit.TryEnter(out _, out var notTrial));
        Assert.False(notTrial);
    }

    [Fact]
    public void A_failed_trial_opens_the_circuit_for_another_break()
    {
        var circuit = Circuit();
        Open(circuit);

        clock.Advance(TimeSpan.FromSeconds(5));
        Call(circuit, fails: true);

        Assert.Equal(CircuitState.Open, circuit.State);
        Assert.False(circuit.TryEnter(out var wait, out _));
        Assert.Equal(TimeSpan.FromSeconds(5), wait);
    }

    [Fact]
    public void A_trial_the_reader_abandoned_lets_the_next_call_try_again()
    {
        var circuit = Circuit();
        Open(circuit);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.True(circuit.TryEnter(out _, out var trial));
        circuit.Released(trial);

        Assert.True(circuit.TryEnter(out _, out var again));
        Assert.True(again);
    }
}
