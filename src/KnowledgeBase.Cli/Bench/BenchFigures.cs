namespace KnowledgeBase.Cli.Bench;

/// <summary>How the bench commands summarise what they measured.</summary>
internal static class BenchFigures
{
    /// <summary>p50/p95/p99/max (nearest rank), rounded to <paramref name="decimals"/>; empty when nothing was measured.</summary>
    public static Dictionary<string, double> Percentiles(IReadOnlyCollection<double> values, int decimals = 2)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var sorted = values.Order().ToList();
        double At(double p) => Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], decimals);
        return new() { ["p50"] = At(0.50), ["p95"] = At(0.95), ["p99"] = At(0.99), ["max"] = Math.Round(sorted[^1], decimals) };
    }

    /// <summary>The 1-minute load average (Linux), so a figure says how busy the machine was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
