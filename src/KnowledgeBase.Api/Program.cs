using KnowledgeBase.Api.Answering;
using KnowledgeBase.Api.BadInput;
using KnowledgeBase.Api.Caching;
using KnowledgeBase.Api.Conversations;
using KnowledgeBase.Api.Documents;
using KnowledgeBase.Api.Health;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Api.Ingestion;
using KnowledgeBase.Api.Library;
using KnowledgeBase.Api.OpenAi;
using KnowledgeBase.Api.RateLimiting;
using KnowledgeBase.Api.Reports;
using KnowledgeBase.Api.Resilience;
using KnowledgeBase.Api.Retrieval;
using KnowledgeBase.Api.Security;
using KnowledgeBase.Api.Startup;
using KnowledgeBase.Api.Streaming;
using KnowledgeBase.Api.Telemetry;
using KnowledgeBase.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

builder.AddApiTelemetry();
builder.Services.AddKnowledgeBase(builder.Configuration);
builder.Services.AddDatabaseStartup(builder.Configuration);
builder.Services.AddAnswerRecovery();
if (builder.Configuration.GetValue("Workers:Enabled", true))
{
    builder.Services.AddIngestionWorkers();
}

builder.Services.AddDatabaseOutageHandling();
builder.Services.AddKnowledgeBaseAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddOptions<StreamingOptions>().Bind(builder.Configuration.GetSection(StreamingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddProblemDetails();
builder.Services.AddBadInputContract();
builder.Services.AddTransportSecurity(builder.Configuration);
builder.Services.AddKnowledgeBaseRateLimiting(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddKnowledgeBaseSignalR(builder.Configuration);
builder.Services.AddHostedService<IngestionProgressRelay>();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);

var app = builder.Build();

app.UseTransportSecurity();
app.UseExceptionHandler();
app.UseBadInputContract();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseCookieAntiforgery();

app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapMetrics();

app.MapAuthEndpoints();
app.MapUserEndpoints();
app.MapGroupEndpoints();
app.MapApiKeyEndpoints();
app.MapInfoEndpoints();
app.MapAskEndpoints();
app.MapChatCompletions();
app.MapConversationEndpoints();
app.MapReportEndpoints();
app.MapCacheEndpoints();
app.MapDocumentEndpoints();
app.MapSearchEndpoints();
app.MapLibraryEndpoints();
app.MapHub<ChatHub>("/hubs/chat");
app.MapHub<IngestionHub>("/hubs/ingestion");

// Unknown API routes are a 404/405/400 problem, not the web page.
app.MapRouteMisses();
app.MapFallbackToFile("index.html").AllowAnonymous();

if (await app.MigrateOnlyAsync())
{
    return;
}

await app.RunAsync();

public partial class Program;
