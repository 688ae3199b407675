using KnowledgeBase.Infrastructure;
using KnowledgeBase.Infrastructure.Telemetry;

// The ingestion workers alone, for scaling out: any number of replicas share one database.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddKnowledgeBaseConsole(builder.Environment.IsProduction());
// No web server here: metrics (and traces) leave by OTLP (OTEL_EXPORTER_OTLP_*), e.g. to the collector that Prometheus scrapes.
builder.Services.AddKnowledgeBaseTelemetry(builder.Configuration, builder.Environment.EnvironmentName, "knowledgebase-worker");

builder.Services.AddKnowledgeBase(builder.Configuration);
builder.Services.AddIngestionWorkers();
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

var host = builder.Build();
await host.RunAsync();
