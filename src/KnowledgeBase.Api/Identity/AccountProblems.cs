using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.Identity;

internal static class AccountProblems
{
    public static ProblemHttpResult From(AccountException e) => e.Error switch
    {
        AccountError.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: e.Message),
        AccountError.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: e.Message),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: e.Message),
    };
}
