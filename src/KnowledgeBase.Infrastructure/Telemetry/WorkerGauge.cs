using System.Diagnostics.Metrics;
using KnowledgeBase.Infrastructure.Ingestion.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>
/// <c>kb.ingestion.workers</c>: the ingestion loops this process runs (Workers:Concurrency) while its workers are
/// up; summed over every Api and Worker process it is the fleet's ingestion capacity.
/// </summary>
public sealed class WorkerGauge(IOptions<WorkerOptions> options) : IHostedService, IDisposable
{
    private readonly Meter meter = new(KnowledgeBaseTelemetry.Name);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        meter.CreateObservableGauge("kb.ingestion.workers", () => options.Value.Concurrency, "{worker}", "Ingestion worker loops running in this process.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        meter.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => meter.Dispose();
}
