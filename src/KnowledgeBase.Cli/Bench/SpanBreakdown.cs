using System.Collections.Concurrent;
using System.Diagnostics;

namespace KnowledgeBase.Cli.Bench;

/// <summary>
/// Where a bench's time goes: total milliseconds per span (our own spans, and Npgsql's per SQL statement) while
/// listening, divided by the operations timed. For finding the step to fix, not a figure to compare.
/// </summary>
internal sealed class SpanBreakdown : IDisposable
{
    private readonly ConcurrentDictionary<string, (double Ms, int Count)> totals = new();
    private readonly ActivityListener listener;

    public SpanBreakdown()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "KnowledgeBase" or "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Add,
        };
        ActivitySource.AddActivityListener(listener);
    }

    private bool listening;

    /// <summary>Spans that end while listening are counted.</summary>
    public void Listen(bool on) => listening = on;

    /// <summary>Mean milliseconds (and calls) per operation of what was counted so far, largest first; starts counting afresh.</summary>
    public Dictionary<string, string> Collect(int operations)
    {
        var figures = totals.OrderByDescending(t => t.Value.Ms)
            .ToDictionary(t => t.Key, t => $"{t.Value.Ms / operations:F3} ms ({(double)t.Value.Count / operations:F1}x)");
        totals.Clear();
        listening = false;
        return figures;
    }

    public void Dispose() => listener.Dispose();

    private void Add(Activity activity)
    {
        if (!listening)
        {
            return;
        }

        var name = activity.Source.Name == "Npgsql"
            ? "sql: " + Shorten(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName)
            : activity.DisplayName;
        totals.AddOrUpdate(name, (activity.Duration.TotalMilliseconds, 1), (_, t) => (t.Ms + activity.Duration.TotalMilliseconds, t.Count + 1));
    }

    private static string Shorten(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 70 ? flat : flat[..70];
    }
}
