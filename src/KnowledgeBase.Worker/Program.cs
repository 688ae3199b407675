using KnowledgeBase.Infrastructure;
using KnowledgeBase.Infrastructure.Telemetry;
using OpenTelemetry.Metrics;

// The ingestion workers alone, for scaling out: any number of replicas share one database.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddKnowledgeBaseConsole(builder.Environment.IsProduction());
var telemetry = builder.Services.AddKnowledgeBaseTelemetry(builder.Configuration, builder.Environment.EnvironmentName, "knowledgebase-worker");
// No web server here: Prometheus scrapes a listener of its own when Telemetry:PrometheusPort is set (keep it off public networks).
if (builder.Configuration.GetValue<int?>("Telemetry:PrometheusPort") is { } port)
{
    telemetry.WithMetrics(metrics => metrics.AddPrometheusHttpListener(o => (o.Host, o.Port) = ("*", port)));
}

builder.Services.AddKnowledgeBase(builder.Configuration);
builder.Services.AddIngestionWorkers();
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

var host = builder.Build();
await host.RunAsync();
