using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Startup;

public static class StartupSetup
{
    /// <summary>Register before the ingestion workers: hosted services start in order, and migrations go first.</summary>
    public static IServiceCollection AddDatabaseStartup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StartupOptions>().Bind(configuration.GetSection(StartupOptions.Section));
        services.AddSingleton<DatabaseStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseStartup>());
        return services;
    }

    /// <returns>True when the process should exit instead of serving (<see cref="StartupOptions.MigrateOnly"/>): the
    /// start-up work ran once, before any hosted service or the server started.</returns>
    public static async Task<bool> MigrateOnlyAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<StartupOptions>>().Value.MigrateOnly)
        {
            return false;
        }

        await app.Services.GetRequiredService<DatabaseStartup>().RunOnceAsync(app.Lifetime.ApplicationStopping);
        return true;
    }
}
