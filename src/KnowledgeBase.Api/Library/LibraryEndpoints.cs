using System.Security.Claims;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Library;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeBase.Api.Library;

/// <summary>The knowledge base as one reader sees it: only documents their groups may read.</summary>
public static class LibraryEndpoints
{
    /// <summary>A document the caller may open: enough to name it and open its original.</summary>
    public sealed record ReadableDocumentView(
        Guid Id, string Title, string SourceName, string ContentType, string Collection, int? PageCount, DateTimeOffset UpdatedAt);

    public static void MapLibraryEndpoints(this IEndpointRouteBuilder app)
    {
        var library = app.MapGroup("/api/library").WithTags("Library").RequireAuthorization(Policies.Person);
        library.MapGet("/", SummaryAsync);
        library.MapGet("/documents/{id:guid}", DocumentAsync).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<LibrarySummary>> SummaryAsync(ClaimsPrincipal user, LibraryOverview overview, CancellationToken cancellationToken) =>
        TypedResults.Ok(await overview.SummarizeAsync(user.ToAccessScope(), cancellationToken));

    /// <summary>A document the caller may not read is a 404 like a missing one: its existence is not revealed.</summary>
    private static async Task<Results<Ok<ReadableDocumentView>, ProblemHttpResult>> DocumentAsync(
        Guid id, ClaimsPrincipal user, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        var document = await db.Documents.AsNoTracking().ReadableBy(user.ToAccessScope())
            .Where(d => d.Id == id)
            .Select(d => new ReadableDocumentView(d.Id, d.Title, d.SourceName, d.ContentType, d.Collection, d.PageCount, d.UpdatedAt))
            .FirstOrDefaultAsync(cancellationToken);
        return document is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Document not found",
                detail: "This document does not exist or is not shared with your groups.")
            : TypedResults.Ok(document);
    }
}
