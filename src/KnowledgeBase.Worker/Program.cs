using KnowledgeBase.Infrastructure;

// The ingestion workers alone, for scaling out: any number of replicas share one database.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddKnowledgeBase(builder.Configuration);
builder.Services.AddIngestionWorkers();
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

var host = builder.Build();
await host.RunAsync();
