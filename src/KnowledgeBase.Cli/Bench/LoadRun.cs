using System.Diagnostics;
using System.Globalization;

namespace KnowledgeBase.Cli.Bench;

/// <summary>What one load step offers: arrivals per second, reached by a linear ramp, then held.</summary>
internal sealed record LoadStep(double Rate, double RampSeconds, double Seconds);

/// <summary>
/// An open-model load step: questions arrive on schedule (a linear ramp to the rate, then the rate held),
/// whether or not earlier answers have finished, as people's questions do. Figures are taken over the held
/// part: offered and achieved rates, milestones' percentiles, errors by kind, server CPU per answer, GC pauses.
/// </summary>
internal static class LoadRun
{
    private static readonly string[] Questions =
    [
        "How much is the FlexFit allowance?", "How many vacation days do new employees get?", "What is the travel policy for booking flights?",
        "Who do I contact about a lost laptop?", "How do I set up my development environment?", "What does the dental plan cover?",
        "Can I expense a taxi to the airport?", "What is the password policy?", "When is the onboarding buddy assigned?",
        "Which hotels may I book on a business trip?", "How often must I change my password?", "What is the per diem for meals abroad?",
    ];

    public static async Task<Dictionary<string, object?>> RunAsync(ILoadAsker asker, LoadStep step, ApiProcess? server, Uri baseAddress, CancellationToken cancellationToken)
    {
        var timings = new List<AnswerTiming>();
        var inFlight = 0;
        var peak = 0;
        var answers = new List<Task>();
        var clock = Stopwatch.StartNew();
        var end = step.RampSeconds + step.Seconds;
        var arrivals = 0;
        (TimeSpan Cpu, TimeSpan ClientPause, double? ServerPause, long Allocated)? atStart = null;
        var atEnd = atStart;

        while (true)
        {
            var now = clock.Elapsed.TotalSeconds;
            if (atStart is null && now >= step.RampSeconds)
            {
                atStart = await SnapshotAsync(server, baseAddress, cancellationToken);
            }

            if (now >= end)
            {
                break;
            }

            // Arrivals due by now: the integral of the rate (ramp, then flat).
            var due = (int)Arrivals(step, now);
            for (; arrivals < due; arrivals++)
            {
                var timing = new AnswerTiming(now);
                lock (timings)
                {
                    timings.Add(timing);
                }

                var open = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref peak, open);
                answers.Add(AskOneAsync(asker, Questions[arrivals % Questions.Length] + " (" + arrivals.ToString(CultureInfo.InvariantCulture) + ")", timing, () => Interlocked.Decrement(ref inFlight), cancellationToken));
            }

            var next = NextArrival(step, arrivals + 1);
            var wait = TimeSpan.FromSeconds(Math.Clamp(next - clock.Elapsed.TotalSeconds, 0.001, 0.05));
            await Task.Delay(wait, cancellationToken);
        }

        atEnd = await SnapshotAsync(server, baseAddress, cancellationToken);
        await Task.WhenAll(answers).WaitAsync(TimeSpan.FromSeconds(120), cancellationToken);
        return Summarise(step, timings, peak, atStart!.Value, atEnd.Value, server is not null);
    }

    /// <summary>
    /// Untimed questions before the first step, a few at a time, for at most <paramref name="limit"/>: the server's
    /// first answers load the embedding model, compile queries and JIT the answer path, which would otherwise land
    /// in the first step's figures. Answers still streaming at the limit are abandoned.
    /// </summary>
    public static async Task WarmUpAsync(ILoadAsker asker, int questions, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var warm = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        warm.CancelAfter(limit);
        for (var i = 0; i < questions && !warm.IsCancellationRequested; i += 4)
        {
            await Task.WhenAll(Enumerable.Range(i, 4).Select(n => asker.AskAsync("warm-up " + Questions[n % Questions.Length], new AnswerTiming(0), warm.Token)));
        }
    }

    private static async Task AskOneAsync(ILoadAsker asker, string question, AnswerTiming timing, Action finished, CancellationToken cancellationToken)
    {
        try
        {
            await asker.AskAsync(question, timing, cancellationToken);
        }
        finally
        {
            finished();
        }
    }

    /// <summary>Arrivals expected by <paramref name="t"/> seconds: the rate ramps linearly from 0, then holds.</summary>
    private static double Arrivals(LoadStep step, double t) =>
        t <= step.RampSeconds
            ? step.Rate * t * t / (2 * Math.Max(step.RampSeconds, 1e-9))
            : (step.Rate * step.RampSeconds / 2) + (step.Rate * (t - step.RampSeconds));

    /// <summary>When arrival number <paramref name="n"/> is due (the inverse of <see cref="Arrivals"/>).</summary>
    private static double NextArrival(LoadStep step, int n)
    {
        var rampArrivals = step.Rate * step.RampSeconds / 2;
        return n <= rampArrivals
            ? Math.Sqrt(2 * n * step.RampSeconds / step.Rate)
            : step.RampSeconds + ((n - rampArrivals) / step.Rate);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static async Task<(TimeSpan Cpu, TimeSpan ClientPause, double? ServerPause, long Allocated)> SnapshotAsync(ApiProcess? server, Uri baseAddress, CancellationToken cancellationToken) =>
        (server?.CpuTime ?? TimeSpan.Zero, GC.GetTotalPauseDuration(), await ServerMetrics.GcPauseSecondsAsync(baseAddress, cancellationToken), GC.GetTotalAllocatedBytes());

    private static Dictionary<string, object?> Summarise(
        LoadStep step, List<AnswerTiming> all, int peak,
        (TimeSpan Cpu, TimeSpan ClientPause, double? ServerPause, long Allocated) start,
        (TimeSpan Cpu, TimeSpan ClientPause, double? ServerPause, long Allocated) end,
        bool ownServer)
    {
        // The held part: answers that arrived after the ramp.
        var held = all.Where(t => t.ArrivedAtSeconds >= step.RampSeconds).ToList();
        var ok = held.Where(t => t.Error is null).ToList();
        var doneInWindow = held.Count(t => t.DoneMs is { } d && t.ArrivedAtSeconds + (d / 1000) <= step.RampSeconds + step.Seconds);
        var serverCpuMs = (end.Cpu - start.Cpu).TotalMilliseconds;
        var cpuPerAnswer = ownServer && doneInWindow > 0 ? Math.Round(serverCpuMs / doneInWindow, 2) : (double?)null;
        return new Dictionary<string, object?>
        {
            ["offeredPerSecond"] = Math.Round(held.Count / step.Seconds, 2),
            ["achievedPerSecond"] = Math.Round(doneInWindow / step.Seconds, 2),
            ["answers"] = held.Count,
            ["errorRate"] = held.Count == 0 ? 0 : Math.Round((double)(held.Count - ok.Count) / held.Count, 4),
            ["errors"] = held.Where(t => t.Error is not null).GroupBy(t => t.Error!).ToDictionary(g => g.Key, g => g.Count()),
            ["firstCitationMs"] = BenchFigures.Percentiles(ok.Where(t => t.FirstCitationMs is not null).Select(t => t.FirstCitationMs!.Value).ToList()),
            ["firstTokenMs"] = BenchFigures.Percentiles(ok.Where(t => t.FirstTokenMs is not null).Select(t => t.FirstTokenMs!.Value).ToList()),
            ["doneMs"] = BenchFigures.Percentiles(ok.Select(t => t.DoneMs!.Value).ToList()),
            ["openStreamsPeak"] = peak,
            ["server"] = new Dictionary<string, object?>
            {
                ["cpuMsPerAnswer"] = cpuPerAnswer,
                ["coresUsed"] = ownServer ? Math.Round(serverCpuMs / 1000 / step.Seconds, 2) : null,
                // One core's worth of answers per second, if CPU were the only limit.
                ["answersPerCoreSecond"] = cpuPerAnswer is > 0 ? Math.Round(1000 / cpuPerAnswer.Value, 1) : null,
                ["gcPauseMs"] = start.ServerPause is { } a && end.ServerPause is { } b ? Math.Round((b - a) * 1000, 1) : null,
            },
            ["client"] = new Dictionary<string, object?>
            {
                ["gcPauseMs"] = Math.Round((end.ClientPause - start.ClientPause).TotalMilliseconds, 1),
                ["allocatedKbPerAnswer"] = held.Count == 0 ? 0 : Math.Round((end.Allocated - start.Allocated) / 1024.0 / held.Count, 1),
            },
        };
    }
}
