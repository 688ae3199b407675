using KnowledgeBase.Api.Health;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace KnowledgeBase.Api.Telemetry;

/// <summary>The shared telemetry setup plus what only the web host has: ASP.NET Core, SignalR and Kestrel, and /metrics.</summary>
public static class ApiTelemetrySetup
{
    public const string ServiceName = "knowledgebase-api";
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddApiTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.AddKnowledgeBaseConsole(builder.Environment.IsProduction());
        builder.Services.AddOptions<MetricsEndpointOptions>().Bind(builder.Configuration.GetSection(MetricsEndpointOptions.Section));
        builder.Services.AddSingleton(sp => new MetricsEndpointGuard(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsEndpointOptions>>().Value, builder.Environment.IsProduction()));
        builder.Services.AddHostedService<StoreGauges>();
        // Readiness as a gauge (kb.health.status), refreshed every 15 s.
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthMetricsPublisher>();
        builder.Services.Configure<HealthCheckPublisherOptions>(o => (o.Delay, o.Period, o.Predicate) = (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15), c => c.Tags.Contains("ready")));
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing =>
            tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path)));
        builder.Services.AddKnowledgeBaseTelemetry(builder.Configuration, builder.Environment.EnvironmentName, ServiceName)
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                // SignalR connections (signalr.server.active_connections) and Kestrel's own connection counts.
                .AddMeter("Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
        return builder;
    }

    /// <summary>Prometheus's scrape endpoint, behind <see cref="MetricsEndpointGuard"/> (404 to anyone it refuses).</summary>
    public static IEndpointConventionBuilder MapMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            if (!http.RequestServices.GetRequiredService<MetricsEndpointGuard>().Allows(http.Request))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(http);
        }), optionsName: null).AllowAnonymous();

    // Health probes and scrapes every few seconds would bury the traces that matter.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase);
}
