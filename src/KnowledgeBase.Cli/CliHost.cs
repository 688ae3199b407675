using KnowledgeBase.Infrastructure;
using KnowledgeBase.Infrastructure.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeBase.Cli;

/// <summary>The same services as the web host, configured from appsettings and environment variables.</summary>
internal static class CliHost
{
    /// <param name="overrides">Settings a command's own options decide (they win over the environment).</param>
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .AddFilter("Microsoft", LogLevel.Warning)
            // A failed command's exception reaches the user once, explained (CliFailure) or with its stack trace: not also as a log.
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical)
            .AddFilter("Microsoft.EntityFrameworkCore.Query", LogLevel.Critical)
            .AddFilter("KnowledgeBase", LogLevel.Warning)
            .AddFilter("Polly", LogLevel.Warning)
            .Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddKnowledgeBaseTelemetry(configuration, configuration["DOTNET_ENVIRONMENT"] ?? "Production", "knowledgebase-cli");
        services.AddKnowledgeBase(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        // No host starts anything here: check the Langfuse settings and start the exporters now; disposing the
        // provider at the end of the verb flushes them (ingest, eval and bench runs appear in the backend).
        _ = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<LangfuseOptions>>().Value;
        _ = provider.GetService<OpenTelemetry.Trace.TracerProvider>();
        _ = provider.GetService<OpenTelemetry.Metrics.MeterProvider>();
        return provider;
    }
}
