using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.Identity;

/// <summary>Admins manage access groups; one still named by a document cannot be deleted.</summary>
public static class GroupEndpoints
{
    public sealed record CreateGroupRequest(string? Name, string? Description);

    public static void MapGroupEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/groups").WithTags("Identity").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (GroupDirectory groups, CancellationToken cancellationToken) => TypedResults.Ok(await groups.ListAsync(cancellationToken)));

        group.MapPost("/", async Task<Results<Created<GroupSummary>, ProblemHttpResult>> (CreateGroupRequest request, GroupDirectory groups, CancellationToken cancellationToken) =>
        {
            try
            {
                var created = await groups.CreateAsync(request.Name ?? string.Empty, request.Description, cancellationToken);
                return TypedResults.Created($"/api/groups/{Uri.EscapeDataString(created.Name)}", created);
            }
            catch (AccountException e)
            {
                return AccountProblems.From(e);
            }
        });

        group.MapDelete("/{name}", async Task<Results<NoContent, ProblemHttpResult>> (string name, GroupDirectory groups, CancellationToken cancellationToken) =>
        {
            try
            {
                await groups.DeleteAsync(name, cancellationToken);
                return TypedResults.NoContent();
            }
            catch (AccountException e)
            {
                return AccountProblems.From(e);
            }
        });
    }
}
