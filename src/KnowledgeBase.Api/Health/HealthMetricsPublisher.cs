using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KnowledgeBase.Api.Health;

/// <summary>
/// <c>kb.health.status{check}</c>: what /health/ready would answer, as a gauge (1 healthy, 0.5 degraded,
/// 0 unhealthy), so Prometheus alerts on readiness without probing the endpoint itself.
/// </summary>
public sealed class HealthMetricsPublisher : IHealthCheckPublisher, IDisposable
{
    private readonly ConcurrentDictionary<string, double> statuses = new();
    private readonly Meter meter = new(KnowledgeBaseTelemetry.Name);

    public HealthMetricsPublisher() =>
        meter.CreateObservableGauge("kb.health.status", () => statuses.Select(s => new Measurement<double>(s.Value, new KeyValuePair<string, object?>("check", s.Key))),
            "{status}", "Health checks: 1 healthy, 0.5 degraded, 0 unhealthy.");

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries)
        {
            statuses[name] = entry.Status switch
            {
                HealthStatus.Healthy => 1,
                HealthStatus.Degraded => 0.5,
                _ => 0,
            };
        }

        return Task.CompletedTask;
    }

    public void Dispose() => meter.Dispose();
}
