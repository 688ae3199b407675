using System.ComponentModel.DataAnnotations;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>
/// The service level objectives the alert rules and load tests use. The TTFT threshold is also a bucket
/// boundary of <c>kb.ask.time_to_first_token</c>; the rules in infra/prometheus read that bucket (le="2.5").
/// </summary>
public sealed class SloOptions
{
    public const string Section = "Slo";

    /// <summary>95 % of asks get their first token within this many seconds.</summary>
    [Range(0.1, 120)]
    public double TtftSeconds { get; set; } = 2.5;
}
