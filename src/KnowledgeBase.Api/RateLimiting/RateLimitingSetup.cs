using System.Globalization;
using KnowledgeBase.Infrastructure.Redis;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.RateLimiting;

public static class RateLimitingSetup
{
    public static IServiceCollection AddKnowledgeBaseRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InProcessTokenBuckets>();
        services.AddSingleton<ITokenBuckets>(sp => sp.GetRequiredService<IOptions<RedisOptions>>().Value.Enabled
            ? ActivatorUtilities.CreateInstance<RedisTokenBuckets>(sp)
            : sp.GetRequiredService<InProcessTokenBuckets>());
        services.AddSingleton<AskRateLimiter>();
        return services;
    }

    /// <summary>
    /// Limits questions per user with the shared <see cref="AskRateLimiter"/>; a rejection is 429 with
    /// Retry-After and, unless <paramref name="rejection"/> says otherwise, problem details.
    /// </summary>
    public static TBuilder RequireAskRateLimit<TBuilder>(this TBuilder builder, Func<string, IResult>? rejection = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var limiter = http.RequestServices.GetRequiredService<AskRateLimiter>();
            if (await limiter.TryAcquireAsync(http.User, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted) is not { } wait)
            {
                return await next(context);
            }

            http.Response.Headers.RetryAfter = AskRateLimiter.Seconds(wait).ToString(CultureInfo.InvariantCulture);
            var detail = AskRateLimiter.Detail(wait);
            return rejection?.Invoke(detail) ?? TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many questions", detail: detail);
        });
}
