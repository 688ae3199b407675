using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Tests.Unit.Telemetry;

public sealed class MetricBucketsTests
{
    private static readonly Meter Ours = new(KnowledgeBaseTelemetry.Name);
    private static readonly Meter Theirs = new("Someone.Else");

    [Fact]
    public void The_ttft_histogram_has_the_slo_threshold_as_a_bucket_boundary()
    {
        Assert.Contains(2.5, MetricBuckets.TimeToFirstToken(2.5));
        var custom = MetricBuckets.TimeToFirstToken(1.8);
        Assert.Contains(1.8, custom);
        Assert.Equal(custom.Order(), custom);
        Assert.Equal(custom.Distinct().Count(), custom.Length);
    }

    [Fact]
    public void GenAi_histograms_use_the_conventions_boundaries()
    {
        Assert.Equal(MetricBuckets.GenAiSeconds, MetricBuckets.For(Ours.CreateHistogram<double>("gen_ai.client.operation.duration", "s"), 2.5));
        Assert.Equal(MetricBuckets.GenAiSeconds, MetricBuckets.For(Ours.CreateHistogram<double>("gen_ai.client.operation.time_to_first_chunk", "s"), 2.5));
        Assert.Equal(MetricBuckets.Tokens, MetricBuckets.For(Ours.CreateHistogram<long>("gen_ai.client.token.usage", "{token}"), 2.5));
        Assert.Equal(81.92, MetricBuckets.GenAiSeconds[^1]);
        Assert.Equal(67108864, MetricBuckets.Tokens[^1]);
    }

    [Fact]
    public void Buckets_follow_the_unit_so_seconds_never_get_the_millisecond_defaults()
    {
        Assert.Equal(MetricBuckets.Seconds, MetricBuckets.For(Ours.CreateHistogram<double>("kb.test.duration", "s"), 2.5));
        Assert.Equal(MetricBuckets.FastSeconds, MetricBuckets.For(Ours.CreateHistogram<double>("kb.guardrail.duration", "s"), 2.5));
        Assert.Equal(MetricBuckets.LongSeconds, MetricBuckets.For(Ours.CreateHistogram<double>("kb.ingestion.test.duration", "s"), 2.5));
        Assert.Equal(MetricBuckets.Ratio, MetricBuckets.For(Ours.CreateHistogram<double>("kb.test.similarity", "1"), 2.5));
        Assert.Equal(MetricBuckets.Counts, MetricBuckets.For(Ours.CreateHistogram<int>("kb.test.results", "{result}"), 2.5));
        Assert.True(MetricBuckets.Seconds[0] <= 0.001 && MetricBuckets.Seconds[^1] >= 60);
    }

    [Fact]
    public void Counters_and_other_meters_keep_the_sdk_choice()
    {
        Assert.Null(MetricBuckets.For(Ours.CreateCounter<long>("kb.test.count"), 2.5));
        Assert.Null(MetricBuckets.For(Theirs.CreateHistogram<double>("http.server.request.duration", "s"), 2.5));
    }
}
