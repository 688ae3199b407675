using KnowledgeBase.Api.Identity;
using KnowledgeBase.Infrastructure.Redis;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace KnowledgeBase.Api.Startup;

public static class SignalRSetup
{
    /// <summary>
    /// SignalR with the Redis backplane when <c>Redis:ConnectionString</c> is set (a send to a user, group or
    /// connection reaches it on whichever replica holds it), the per-replica list of open connections, and the
    /// relay that applies access changes to them.
    /// </summary>
    public static IServiceCollection AddKnowledgeBaseSignalR(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR();
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>();
        if (redis?.Enabled == true)
        {
            // Its own connection: unlike rate-limit checks, hub messages may wait in the backlog while Redis reconnects.
            signalR.AddStackExchangeRedis(options =>
            {
                options.Configuration = ConfigurationOptions.Parse(redis.ConnectionString!);
                options.Configuration.AbortOnConnectFail = false;
                options.Configuration.ChannelPrefix = RedisChannel.Literal("kb-signalr");
            });
        }

        services.AddSingleton<OpenHubConnections>();
        services.Configure<HubOptions>(hubs => hubs.AddFilter<OpenHubConnectionsFilter>());
        services.AddHostedService<AccessChangeRelay>();
        return services;
    }
}
