using System.Globalization;

namespace KnowledgeBase.Api.RateLimiting;

public static class RateLimitingSetup
{
    public static IServiceCollection AddKnowledgeBaseRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
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
            if (http.RequestServices.GetRequiredService<AskRateLimiter>().TryAcquire(http.User, http.Connection.RemoteIpAddress?.ToString()) is not { } wait)
            {
                return await next(context);
            }

            http.Response.Headers.RetryAfter = AskRateLimiter.Seconds(wait).ToString(CultureInfo.InvariantCulture);
            var detail = AskRateLimiter.Detail(wait);
            return rejection?.Invoke(detail) ?? TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many questions", detail: detail);
        });
}
