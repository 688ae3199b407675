using Polly;
using Polly.CircuitBreaker;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

/// <summary>
/// Puts a <see cref="ProviderCircuit"/> into a provider's Polly pipeline: every attempt asks it first and reports
/// how it ended. A refused call fails with Polly's <see cref="BrokenCircuitException"/>, like Polly's own breaker.
/// </summary>
internal sealed class ProviderCircuitStrategy(ProviderCircuit circuit, TimeProvider time) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        if (!circuit.TryEnter(out var wait, out var trial))
        {
            return Outcome.FromException<TResult>(new BrokenCircuitException($"The circuit of {circuit.Provider} is open.", wait));
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        var stream = context.Properties.TryGetValue(StreamAttempt.Key, out var attempt) ? attempt : null;
        switch (outcome.Exception)
        {
            case null:
            // The reader stopped a stream that was delivering (closed the page, reached the token cap): the provider works.
            case OperationCanceledException when stream is { Abandoned: true, Written: true }:
                circuit.Succeeded(trial);
                break;
            // A cancelled answer stream its reader did not abandon was cut by our own time limits: a slow provider,
            // which counts. Other cancellations (a condensing call's budget, a reader leaving early) say nothing.
            case OperationCanceledException when stream is not { Abandoned: false }:
                circuit.Released(trial);
                break;
            case var failure:
                circuit.Failed(trial, ModelFaults.RetryAfter(failure, time.GetUtcNow()));
                break;
        }

        return outcome;
    }
}
