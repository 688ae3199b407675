using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.Documents;

internal static class DocumentProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no document {id}.");

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: detail);

    public static ProblemHttpResult UploadFailed(string detail, int statusCode = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(statusCode: statusCode, title: "Upload failed", detail: detail);
}
