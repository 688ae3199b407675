using System.Diagnostics;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Tests.Unit.Telemetry;

public sealed class JsonConsoleLogTests
{
    [Fact]
    public void Production_logs_are_one_json_object_per_line_with_the_trace_and_span_ids()
    {
        using var source = new ActivitySource("JsonConsoleLogTests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        var original = Console.Out;
        var output = new StringWriter();
        string traceId;
        string spanId;
        Console.SetOut(output);
        try
        {
            using (var factory = LoggerFactory.Create(logging => logging.AddKnowledgeBaseConsole(production: true)))
            {
                using var activity = source.StartActivity("work")!;
                traceId = activity.TraceId.ToHexString();
                spanId = activity.SpanId.ToHexString();
                factory.CreateLogger("Test").LogWarning("Job {JobId} failed", 42);
            }
        }
        finally
        {
            Console.SetOut(original);
        }

        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("Job 42 failed", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        Assert.Equal("Warning", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal(42, json.RootElement.GetProperty("State").GetProperty("JobId").GetInt32());
        var scopes = json.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var t) && t.GetString() == traceId);
        Assert.Contains(scopes, s => s.TryGetProperty("SpanId", out var t) && t.GetString() == spanId);
        Assert.EndsWith("Z", json.RootElement.GetProperty("Timestamp").GetString());
    }
}
