using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KnowledgeBase.Infrastructure.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>One pooled data source shared by EF Core and the hand-written search and queue SQL.</summary>
    public static IServiceCollection AddKnowledgeBaseData(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName)
                ?? DatabaseOptions.DefaultConnectionString;
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            builder.UseVector();
            return builder.Build();
        });
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddDbContext<KnowledgeBaseDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options
                .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), o => o
                    .UseVector()
                    .ExecutionStrategy(d => new KnowledgeBaseExecutionStrategy(
                        d, database.CommandRetries, TimeSpan.FromMilliseconds(database.CommandRetryMaxDelayMilliseconds))))
                .UseSnakeCaseNamingConvention();
        });
        return services;
    }
}
