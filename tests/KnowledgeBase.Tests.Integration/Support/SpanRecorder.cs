using System.Collections.Concurrent;
using System.Diagnostics;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>
/// Records every finished span of the app's sources in memory (what an exporter would send): name and attribute
/// values. The listener is process-wide, so spans of other tests running at the same time are recorded too.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener listener;

    public SpanRecorder()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("KnowledgeBase", StringComparison.Ordinal) || source.Name.StartsWith("Microsoft.SemanticKernel", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => Spans.Enqueue((activity.DisplayName, activity.TagObjects.Select(t => (t.Key, t.Value?.ToString() ?? string.Empty)).ToList())),
        };
        ActivitySource.AddActivityListener(listener);
    }

    public ConcurrentQueue<(string Name, List<(string Key, string Value)> Tags)> Spans { get; } = new();

    /// <summary>Every attribute value of every recorded span, one per line, as an exporter would see them.</summary>
    public string AllValues() => string.Join('\n', Spans.SelectMany(s => s.Tags.Select(t => $"{s.Name} {t.Key}={t.Value}")));

    public void Dispose() => listener.Dispose();
}
