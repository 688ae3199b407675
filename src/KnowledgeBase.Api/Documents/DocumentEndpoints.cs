using KnowledgeBase.Api.BadInput;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Infrastructure.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KnowledgeBase.Api.Documents;

/// <summary>Document management (admins and keys with the documents scope): upload, list, inspect, change access, delete, re-ingest; and the file for readers.</summary>
public static class DocumentEndpoints
{
    private const int ListLimit = 1000;

    public sealed record PatchDocumentRequest(string? Collection, IReadOnlyList<string>? Groups);

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("Documents").RequireAuthorization(Policies.Documents);
        group.MapUpload();
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetDocument");
        group.MapDelete("/{id:guid}", DeleteAsync);
        group.MapPost("/{id:guid}/reingest", ReingestAsync);
        group.MapPatch("/{id:guid}", PatchAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapDocumentContent();
    }

    /// <summary>Newest change first; paged with <c>offset</c>/<c>limit</c> (at most <see cref="ListLimit"/>), the total in X-Total-Count.</summary>
    private static async Task<Results<Ok<List<DocumentView>>, ProblemHttpResult>> ListAsync(
        DocumentQueries documents, string? collection, string? status, string? offset, string? limit, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(collection) && CollectionNames.Problem(collection) is { } badCollection)
        {
            return DocumentProblems.Invalid(badCollection);
        }

        DocumentStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!StatusNames.TryParse(status, out DocumentStatus parsed))
            {
                return DocumentProblems.Invalid($"'status' must be one of: {string.Join(", ", Enum.GetValues<DocumentStatus>().Select(StatusNames.Of))}.");
            }

            wanted = parsed;
        }

        var (page, problem) = PageRequest.Parse(offset, limit);
        if (page is null)
        {
            return TextInput.BadRequest(problem!);
        }

        var (rows, total) = await documents.ListAsync(collection, wanted, page.Offset, Math.Min(page.Limit ?? ListLimit, ListLimit), cancellationToken);
        PageRequest.WriteTotal(response, total);
        return TypedResults.Ok(rows.Select(DocumentView.From).ToList());
    }

    private static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> GetAsync(Guid id, DocumentQueries documents, CancellationToken cancellationToken) =>
        await documents.FindAsync(id, cancellationToken) is { } row ? TypedResults.Ok(DocumentView.From(row)) : DocumentProblems.NotFound(id);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, DocumentService service, CancellationToken cancellationToken) =>
        await service.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : DocumentProblems.NotFound(id);

    private static async Task<IResult> ReingestAsync(Guid id, DocumentService service, CancellationToken cancellationToken) =>
        await service.ReingestAsync(id, cancellationToken) switch
        {
            null => DocumentProblems.NotFound(id),
            { AlreadyQueued: true } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already queued", detail: "This document is already being ingested."),
            var queued => TypedResults.Accepted($"/api/documents/{id}", DocumentView.From(queued.Document, queued.Job)),
        };

    private static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> PatchAsync(
        Guid id, PatchDocumentRequest request, DocumentService service, DocumentQueries documents, CancellationToken cancellationToken)
    {
        var change = await service.ChangeAccessAsync(id, request.Collection, request.Groups, cancellationToken);
        return change.Outcome switch
        {
            AccessChangeOutcome.Changed => TypedResults.Ok(DocumentView.From(change.Document!, await documents.LatestJobAsync(id, cancellationToken))),
            AccessChangeOutcome.NotFound => DocumentProblems.NotFound(id),
            AccessChangeOutcome.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: change.Problem),
            _ => DocumentProblems.Invalid(change.Problem!),
        };
    }
}
