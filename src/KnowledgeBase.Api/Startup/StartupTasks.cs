using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.Startup;

public static class StartupTasks
{
    /// <returns>True when the process should exit instead of serving (<see cref="StartupOptions.MigrateOnly"/>).</returns>
    public static async Task<bool> RunStartupTasksAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<StartupOptions>>().Value;
        if (!options.MigrateDatabase && !options.MigrateOnly && options.AdminEmail is null)
        {
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        if (options.MigrateDatabase || options.MigrateOnly)
        {
            var db = scope.ServiceProvider.GetRequiredService<KnowledgeBaseDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            await db.Database.MigrateAsync(app.Lifetime.ApplicationStopping);
        }

        if (options is { AdminEmail: { Length: > 0 } email, AdminPassword: { Length: > 0 } password })
        {
            var users = scope.ServiceProvider.GetRequiredService<UserDirectory>();
            if (await users.FindByEmailAsync(email, app.Lifetime.ApplicationStopping) is null)
            {
                var admin = await users.AddOrUpdateAsync(email, password, Roles.Admin, [], app.Lifetime.ApplicationStopping);
                app.Logger.LogInformation("Created the first admin {Email}", admin.Email);
            }
        }

        return options.MigrateOnly;
    }
}
