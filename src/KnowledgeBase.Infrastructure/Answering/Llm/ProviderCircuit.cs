using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Infrastructure.Answering.Llm;

public enum CircuitState
{
    Closed,

    /// <summary>Calls are refused (the next provider answers) until the break ends.</summary>
    Open,

    /// <summary>The break ended: one trial call is let through; its outcome closes or reopens the circuit.</summary>
    HalfOpen,
}

/// <summary>
/// One provider's circuit breaker. It opens on either rule: <c>BreakerConsecutiveFailures</c> failures in a row
/// (so one-at-a-time calls that each take 15 s to time out still open it), or the failure ratio over the sampling
/// window once it saw <c>BreakerMinimumThroughput</c> calls. Timeouts and stalls are failures. The break lasts
/// <c>BreakSeconds</c>, or the provider's Retry-After when longer (capped at <c>MaxBreakSeconds</c>); a Retry-After
/// too long to wait for (over <c>MaxRetryAfterSeconds</c>) opens it at once. After the break, one trial call
/// (half-open) decides: a success closes it, so a recovered provider is used again within seconds.
/// </summary>
public sealed class ProviderCircuit(string provider, LlmResilienceOptions options, TimeProvider time, ILogger logger)
{
    private const int Buckets = 10;

    private readonly Lock gate = new();
    private readonly long[] bucketIds = new long[Buckets];
    private readonly int[] successes = new int[Buckets];
    private readonly int[] failures = new int[Buckets];
    private readonly long bucketTicks = Math.Max(1, (long)(options.BreakerSamplingSeconds * time.TimestampFrequency / Buckets));
    private long openUntil;
    private bool probing;
    private int consecutiveFailures;

    public string Provider => provider;

    public CircuitState State { get; private set; }

    /// <summary>Raised (outside the lock) whenever the state changes: for logs and the circuit-state metric.</summary>
    public event Action<ProviderCircuit, CircuitState>? Changed;

    /// <summary>
    /// Whether a call may go to the provider now. False while open (<paramref name="wait"/>: until the break ends) or
    /// while a trial call is out; <paramref name="trial"/> is true for the one call that tests a half-open circuit.
    /// </summary>
    public bool TryEnter(out TimeSpan wait, out bool trial)
    {
        CircuitState? changed = null;
        lock (gate)
        {
            wait = TimeSpan.Zero;
            trial = false;
            switch (State)
            {
                case CircuitState.Closed:
                    return true;
                case CircuitState.Open when time.GetTimestamp() < openUntil:
                    wait = TimeSpan.FromSeconds((openUntil - time.GetTimestamp()) / (double)time.TimestampFrequency);
                    return false;
                case CircuitState.Open:
                    changed = State = CircuitState.HalfOpen;
                    break;
                case CircuitState.HalfOpen when probing:
                    return false;
            }

            probing = trial = true;
        }

        Raise(changed);
        return true;
    }

    public void Succeeded(bool trial)
    {
        CircuitState? changed = null;
        lock (gate)
        {
            consecutiveFailures = 0;
            Count(failed: false);
            if (trial && State == CircuitState.HalfOpen)
            {
                probing = false;
                Array.Clear(successes);
                Array.Clear(failures);
                changed = State = CircuitState.Closed;
            }
        }

        Raise(changed);
    }

    /// <param name="retryAfter">The provider's Retry-After, when the failure carried one.</param>
    public void Failed(bool trial, TimeSpan? retryAfter)
    {
        CircuitState? changed = null;
        TimeSpan brk = default;
        lock (gate)
        {
            consecutiveFailures++;
            Count(failed: true);
            var (calls, failed) = Totals();
            var open = (trial && State == CircuitState.HalfOpen)
                || consecutiveFailures >= options.BreakerConsecutiveFailures
                || (calls >= options.BreakerMinimumThroughput && failed >= options.BreakerFailureRatio * calls)
                || retryAfter > TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
            if (open && State != CircuitState.Open)
            {
                probing = false;
                brk = TimeSpan.FromSeconds(Math.Max(options.BreakSeconds, Math.Min(retryAfter?.TotalSeconds ?? 0, options.MaxBreakSeconds)));
                openUntil = time.GetTimestamp() + (long)(brk.TotalSeconds * time.TimestampFrequency);
                changed = State = CircuitState.Open;
            }
        }

        if (changed is not null)
        {
            logger.LogWarning("Circuit of model provider {Provider} opened for {Seconds:0.#} s", provider, brk.TotalSeconds);
        }

        Raise(changed);
    }

    /// <summary>The call ended for a reason that says nothing about the provider (the reader left): a trial may be made again.</summary>
    public void Released(bool trial)
    {
        if (trial)
        {
            lock (gate)
            {
                probing = false;
            }
        }
    }

    private void Count(bool failed)
    {
        var id = time.GetTimestamp() / bucketTicks;
        var i = (int)(id % Buckets);
        if (bucketIds[i] != id)
        {
            bucketIds[i] = id;
            successes[i] = 0;
            failures[i] = 0;
        }

        if (failed)
        {
            failures[i]++;
        }
        else
        {
            successes[i]++;
        }
    }

    private (int Calls, int Failed) Totals()
    {
        var oldest = (time.GetTimestamp() / bucketTicks) - Buckets;
        var (calls, failed) = (0, 0);
        for (var i = 0; i < Buckets; i++)
        {
            if (bucketIds[i] > oldest)
            {
                calls += successes[i] + failures[i];
                failed += failures[i];
            }
        }

        return (calls, failed);
    }

    private void Raise(CircuitState? changed)
    {
        if (changed is { } state)
        {
            if (state != CircuitState.Open)
            {
                logger.LogInformation("Circuit of model provider {Provider} is {State}", provider, state);
            }

            Changed?.Invoke(this, state);
        }
    }
}
