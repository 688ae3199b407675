using KnowledgeBase.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Infrastructure.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>ASP.NET Core Identity's user store and hashing (no cookies: the Api adds those), groups and API keys.</summary>
    public static IServiceCollection AddKnowledgeBaseIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentitySettings>().Bind(configuration.GetSection(IdentitySettings.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddIdentityCore<User>()
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<KnowledgeBaseDbContext>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<IdentitySettings>>((options, settings) =>
        {
            options.Lockout.AllowedForNewUsers = true;
            options.Lockout.MaxFailedAccessAttempts = settings.Value.LockoutMaxFailedAttempts;
            options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(settings.Value.LockoutMinutes);
            // Length over composition rules (NIST SP 800-63B).
            options.Password.RequiredLength = settings.Value.MinimumPasswordLength;
            options.Password.RequireDigit = false;
            options.Password.RequireLowercase = false;
            options.Password.RequireUppercase = false;
            options.Password.RequireNonAlphanumeric = false;
            options.User.RequireUniqueEmail = true;
            // User names are emails, checked as emails; no character list beyond that.
            options.User.AllowedUserNameCharacters = string.Empty;
        });
        services.AddSingleton<UserAccessCache>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<GroupDirectory>();
        services.AddScoped<ApiKeyStore>();
        return services;
    }
}
