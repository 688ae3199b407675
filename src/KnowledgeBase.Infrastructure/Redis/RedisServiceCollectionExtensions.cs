using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace KnowledgeBase.Infrastructure.Redis;

public static class RedisServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RedisOptions"/> and, when a connection string is set, one shared
    /// <see cref="IConnectionMultiplexer"/> for our own commands.
    /// </summary>
    public static IServiceCollection AddKnowledgeBaseRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().Bind(configuration.GetSection(RedisOptions.Section))
            .Validate(o => !o.Enabled || TryParse(o.ConnectionString!), "Redis:ConnectionString is not a valid StackExchange.Redis configuration string.")
            .ValidateOnStart();
        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            if (!options.Enabled)
            {
                throw new InvalidOperationException("Redis is not configured (Redis:ConnectionString).");
            }

            return ConnectionMultiplexer.Connect(ClientOptions(options.ConnectionString!));
        });
        return services;
    }

    /// <summary>
    /// Start-up never waits for Redis, and while it is down commands fail at once instead of queueing: a rate-limit
    /// check must not hold a question for seconds (its caller decides what an outage means).
    /// </summary>
    public static ConfigurationOptions ClientOptions(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 2000);
        return options;
    }

    private static bool TryParse(string connectionString)
    {
        try
        {
            ConfigurationOptions.Parse(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
