using System.Security.Claims;
using KnowledgeBase.Api.BadInput;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.Identity;

/// <summary>Admins manage users: role, groups (applied at the user's next request), display name.</summary>
public static class UserEndpoints
{
    public sealed record UserView(Guid Id, string Email, string? DisplayName, string Role, IReadOnlyList<string> Groups, DateTimeOffset? LockedOutUntil);

    public sealed record CreateUserRequest(string? Email, string? Password, string? DisplayName, string? Role, IReadOnlyList<string>? Groups);

    public sealed record UpdateUserRequest(string? DisplayName, string? Role, IReadOnlyList<string>? Groups);

    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Identity").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async Task<Results<Ok<List<UserView>>, ProblemHttpResult>> (
            string? offset, string? limit, UserDirectory users, TimeProvider time, HttpResponse response, CancellationToken cancellationToken) =>
        {
            var (page, problem) = PageRequest.Parse(offset, limit);
            if (page is null)
            {
                return TextInput.BadRequest(problem!);
            }

            var all = await users.ListAsync(cancellationToken);
            PageRequest.WriteTotal(response, all.Count);
            return TypedResults.Ok(page.Apply(all).Select(u => View(u, time)).ToList());
        });

        group.MapPost("/", async Task<Results<Created<UserView>, ProblemHttpResult>> (CreateUserRequest request, UserDirectory users, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password) || string.IsNullOrWhiteSpace(request.Role))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: "'email', 'password' and 'role' are required.");
            }

            try
            {
                var user = await users.CreateAsync(request.Email, request.Password, request.DisplayName, request.Role, request.Groups ?? [], cancellationToken);
                return TypedResults.Created($"/api/users/{user.Id}", View(user, time));
            }
            catch (AccountException e)
            {
                return AccountProblems.From(e);
            }
        });

        group.MapPut("/{id:guid}", async Task<Results<Ok<UserView>, ProblemHttpResult>> (Guid id, UpdateUserRequest request, ClaimsPrincipal caller, UserDirectory users, TimeProvider time, CancellationToken cancellationToken) =>
        {
            if (id == caller.UserId() && request.Role is not null && Roles.Parse(request.Role) != Roles.Admin)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "You cannot remove your own admin role.");
            }

            try
            {
                return TypedResults.Ok(View(await users.UpdateAsync(id, request.DisplayName, request.Role, request.Groups, cancellationToken), time));
            }
            catch (AccountException e)
            {
                return AccountProblems.From(e);
            }
        });

        group.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, ClaimsPrincipal caller, UserDirectory users, CancellationToken cancellationToken) =>
        {
            if (id == caller.UserId())
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "You cannot delete yourself.");
            }

            try
            {
                await users.DeleteAsync(id, cancellationToken);
                return TypedResults.NoContent();
            }
            catch (AccountException e)
            {
                return AccountProblems.From(e);
            }
        });
    }

    private static UserView View(UserAccess u, TimeProvider time) =>
        new(u.Id, u.Email, u.DisplayName, u.Role, u.Groups, u.LockoutEnd > time.GetUtcNow() ? u.LockoutEnd : null);
}
