using KnowledgeBase.Infrastructure;

// The ingestion workers alone, for scaling out: N replicas share one database.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddKnowledgeBase(builder.Configuration);

var host = builder.Build();
await host.RunAsync();
