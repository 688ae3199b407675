using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;

namespace KnowledgeBase.Infrastructure.Answering;

/// <summary>
/// The answer-level metrics the SLOs are computed from (availability: done ÷ (done + error); TTFT: share of
/// asks under Slo:TtftSeconds). Labels are small fixed sets; never the user, the question or the collection.
/// </summary>
public static class AskMetrics
{
    public const string Done = "done";
    public const string Error = "error";
    public const string Cancelled = "cancelled";

    public const string RateLimit = "rate_limit";
    public const string Budget = "budget";
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";

    public static readonly Counter<long> Asks = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.asks", "{ask}", "Answers that ended, by outcome (done, error, cancelled by the client) and mode (llm, extractive).");

    public static readonly Counter<long> Rejections = KnowledgeBaseTelemetry.Meter.CreateCounter<long>(
        "kb.ask.rejections", "{ask}", "Questions refused before answering, by reason (rate_limit, budget, invalid, not_found).");

    public static readonly Histogram<double> Duration = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "kb.ask.duration", "s", "From the question to the end of the answer, by outcome and mode.");

    public static readonly Histogram<double> TimeToFirstToken = KnowledgeBaseTelemetry.Meter.CreateHistogram<double>(
        "kb.ask.time_to_first_token", "s", "From the question to the first answer token the asker sees (the TTFT SLO).");

    public static void Reject(string reason) => Rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void Ended(string outcome, string mode, TimeSpan elapsed)
    {
        var tags = new System.Diagnostics.TagList { { "outcome", outcome }, { "mode", mode } };
        Asks.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }
}
