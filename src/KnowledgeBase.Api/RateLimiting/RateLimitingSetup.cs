using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using KnowledgeBase.Api.Answering;
using KnowledgeBase.Api.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace KnowledgeBase.Api.RateLimiting;

public static class RateLimitingSetup
{
    /// <summary>Per-user token buckets; a rejection is 429 with Retry-After and problem details (ASP.NET Core's default is a bare 503).</summary>
    public static IServiceCollection AddKnowledgeBaseRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AskEndpoints.RateLimitPolicy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                // API keys have their own partition and limits, so a busy integration never eats a person's questions.
                var key = http.User.ApiKeyId();
                var partition = key is { } keyId ? $"key:{keyId}"
                    : http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
                var (burst, perMinute) = key is null ? (options.AskBurst, options.AskPerMinute) : (options.ApiKeyAskBurst, options.ApiKeyAskPerMinute);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = Math.Max(1, perMinute / 6),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many questions",
                    detail: $"You have reached your question limit; try again in {seconds} s.").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
