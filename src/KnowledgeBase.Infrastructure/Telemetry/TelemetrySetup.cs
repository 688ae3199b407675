using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KnowledgeBase.Infrastructure.Telemetry;

/// <summary>
/// The one OpenTelemetry setup of every process (Api, Worker, kb): traces, metrics and logs through the
/// SDK; our source and meter, Semantic Kernel's, Npgsql's, HttpClient's, the runtime's and the process's;
/// OTLP to any backend when the standard <c>OTEL_EXPORTER_OTLP_*</c> variables say where, and to Langfuse
/// when <see cref="LangfuseOptions"/> are set. The Api adds ASP.NET Core and the Prometheus endpoint.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Semantic Kernel's sources and meters (its GenAI diagnostics are switched on in AddLlmAnswering).</summary>
    public const string SemanticKernel = "Microsoft.SemanticKernel*";

    /// <summary>Npgsql's own ActivitySource and Meter.</summary>
    public const string Npgsql = "Npgsql";

    public static string ServiceVersion { get; } =
        typeof(TelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <param name="serviceName">service.name of this process (OTEL_SERVICE_NAME wins when set).</param>
    public static OpenTelemetryBuilder AddKnowledgeBaseTelemetry(
        this IServiceCollection services, IConfiguration configuration, string environmentName, string serviceName)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.Section));
        services.AddOptions<SloOptions>().Bind(configuration.GetSection(SloOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LangfuseOptions>().Bind(configuration.GetSection(LangfuseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LangfuseOptions>, LangfuseOptionsValidation>();
        services.AddHttpClient(LangfuseScores.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<LangfuseScores>();
        services.AddHostedService(sp => sp.GetRequiredService<LangfuseScores>());

        var slo = configuration.GetSection(SloOptions.Section).Get<SloOptions>() ?? new SloOptions();
        var langfuse = configuration.GetSection(LangfuseOptions.Section).Get<LangfuseOptions>() ?? new LangfuseOptions();
        var environment = environmentName.ToLowerInvariant();

        // Sources and meters are configured always, but providers are only built where something reads them: a
        // listener with nowhere to send makes every span for nothing (kb bench measures that CPU).
        services.ConfigureOpenTelemetryTracerProvider(tracing =>
        {
            tracing.AddSource(KnowledgeBaseTelemetry.Name, SemanticKernel, Npgsql).AddHttpClientInstrumentation();
            if (OtlpConfigured(configuration, "TRACES"))
            {
                tracing.AddOtlpExporter();
            }

            if (langfuse.Enabled && langfuse.Problem() is null)
            {
                tracing.AddProcessor(LangfuseExport.Processor(langfuse, environment, ServiceVersion));
            }
        });
        services.ConfigureOpenTelemetryMeterProvider(metrics =>
        {
            metrics.AddMeter(KnowledgeBaseTelemetry.Name, SemanticKernel, Npgsql)
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddProcessInstrumentation()
                .AddKnowledgeBaseViews(slo.TtftSeconds);
            if (OtlpConfigured(configuration, "METRICS"))
            {
                metrics.AddOtlpExporter();
            }
        });

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(configuration["OTEL_SERVICE_NAME"] ?? serviceName, serviceVersion: ServiceVersion, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}")
                .AddAttributes([new("deployment.environment.name", environment), new("deployment.environment", environment)]));
        if (OtlpConfigured(configuration, "TRACES") || (langfuse.Enabled && langfuse.Problem() is null))
        {
            builder.WithTracing();
        }

        if (OtlpConfigured(configuration, "METRICS"))
        {
            builder.WithMetrics();
        }

        if (OtlpConfigured(configuration, "LOGS"))
        {
            builder.WithLogging(logging => logging.AddOtlpExporter(), options => options.IncludeScopes = true);
        }

        return builder;
    }

    /// <summary>
    /// Console logs: one JSON object per line in Production (with trace and span ids, for log shippers),
    /// the readable single-line format elsewhere.
    /// </summary>
    public static ILoggingBuilder AddKnowledgeBaseConsole(this ILoggingBuilder logging, bool production)
    {
        logging.ClearProviders();
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return production
            ? logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            })
            : logging.AddSimpleConsole(o => o.SingleLine = true);
    }

    /// <summary>True when the standard OTLP endpoint variable for all signals or for this one is set (the exporter reads the rest itself).</summary>
    public static bool OtlpConfigured(IConfiguration configuration, string signal) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        || !string.IsNullOrWhiteSpace(configuration[$"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT"]);

    /// <summary>States what is wrong with the settings in the start-up error.</summary>
    private sealed class LangfuseOptionsValidation : IValidateOptions<LangfuseOptions>
    {
        public ValidateOptionsResult Validate(string? name, LangfuseOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
