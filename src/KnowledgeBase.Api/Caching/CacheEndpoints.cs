using KnowledgeBase.Api.Identity;
using KnowledgeBase.Core.Answering;
using KnowledgeBase.Infrastructure.Caching;
using KnowledgeBase.Infrastructure.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.Caching;

/// <summary>Admin control of the answer cache: purge all of it or one collection's entries; a per-request bypass header.</summary>
public static class CacheEndpoints
{
    public sealed record PurgeResult(int Removed, string? Collection);

    public static void MapCacheEndpoints(this IEndpointRouteBuilder app) =>
        app.MapDelete("/api/admin/cache", PurgeAsync)
            .WithTags("Caching")
            .RequireAuthorization(AuthenticationSetup.AdminPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest);

    /// <summary>An admin's request with the bypass header asks for a fresh answer (never read from or written to the cache).</summary>
    public static AskRequest WithCacheBypass(this AskRequest request, HttpContext http) =>
        http.User.IsAdmin() && http.Request.Headers.ContainsKey(CacheOptions.BypassHeader) ? request with { Cache = false } : request;

    private static async Task<Results<Ok<PurgeResult>, ProblemHttpResult>> PurgeAsync(string? collection, AnswerCache cache, CancellationToken cancellationToken)
    {
        collection = collection?.Trim();
        if (collection is not null && CollectionNames.Problem(collection) is { } problem)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid collection", detail: $"collection: {problem}");
        }

        return TypedResults.Ok(new PurgeResult(await cache.PurgeAsync(collection, cancellationToken), collection));
    }
}
