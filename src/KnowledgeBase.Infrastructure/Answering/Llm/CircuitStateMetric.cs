using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// <c>kb.llm.circuit.state</c>: each provider's circuit breaker, 0 closed, 1 open (calls skip to the next
/// model), 2 half-open (one trial call). Fed by ProviderCircuit.Changed; every provider starts closed so the
/// series exists before anything fails.
/// </summary>
public static class CircuitStateMetric
{
    public const int Closed = 0;
    public const int Open = 1;
    public const int HalfOpen = 2;

    private static readonly ConcurrentDictionary<(string Provider, string Model), int> States = new();

    static CircuitStateMetric() => KnowledgeBaseTelemetry.Meter.CreateObservableGauge(
        "kb.llm.circuit.state", Observe, "{state}", "Circuit breaker per provider: 0 closed, 1 open, 2 half-open.");

    public static void Set(LlmProviderOptions provider, int state) => States[(provider.Key, provider.Model)] = state;

    private static IEnumerable<Measurement<int>> Observe() =>
        States.Select(s => new Measurement<int>(s.Value, new KeyValuePair<string, object?>("provider", s.Key.Provider), new KeyValuePair<string, object?>("gen_ai.request.model", s.Key.Model)));
}
