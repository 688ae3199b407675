using System.Security.Claims;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.Identity;

/// <summary>Admins create (the key is shown once), list and revoke API keys.</summary>
public static class ApiKeyEndpoints
{
    public sealed record ApiKeyView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, IReadOnlyList<string> Groups, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

    public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Scopes, IReadOnlyList<string>? Groups);

    public sealed record CreatedApiKey(Guid Id, string Key, string Name, string Prefix, IReadOnlyList<string> Scopes, IReadOnlyList<string> Groups);

    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/keys").WithTags("Identity").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", async (ApiKeyStore keys, CancellationToken cancellationToken) =>
            TypedResults.Ok((await keys.ListActiveAsync(cancellationToken))
                .Select(k => new ApiKeyView(k.Id, k.Name, k.Prefix, k.Scopes, k.Groups, k.CreatedAt, k.LastUsedAt)).ToList()));

        group.MapPost("/", async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> (CreateApiKeyRequest request, ClaimsPrincipal caller, ApiKeyStore keys, CancellationToken cancellationToken) =>
        {
            try
            {
                var (key, secret) = await keys.CreateAsync(request.Name ?? string.Empty, request.Scopes ?? [], request.Groups ?? [], caller.UserId(), cancellationToken);
                return TypedResults.Created($"/api/keys/{key.Id}", new CreatedApiKey(key.Id, secret, key.Name, key.Prefix, key.Scopes, key.Groups));
            }
            catch (AccountException e)
            {
                return AccountProblems.From(e);
            }
        });

        group.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, ApiKeyStore keys, CancellationToken cancellationToken) =>
            await keys.RevokeAsync(id, cancellationToken)
                ? TypedResults.NoContent()
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no active API key {id}."));
    }
}
