using System.Security.Claims;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Infrastructure.Retrieval;
using KnowledgeBase.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace KnowledgeBase.Api.Ingestion;

/// <summary>A document's collection and groups (PATCH), and its original file for whoever may read it.</summary>
public static class DocumentAccessEndpoints
{
    public sealed record PatchDocumentRequest(string? Collection, IReadOnlyList<string>? Groups);

    public static void MapDocumentAccessEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPatch("/api/documents/{id:guid}", PatchAsync)
            .WithTags("Documents")
            .RequireAuthorization(Policies.Documents)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/documents/{id:guid}/content", ContentAsync)
            .WithTags("Documents")
            .RequireAuthorization(Policies.ReadDocument)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// Retrieval joins <c>documents</c> for its access filter, so new groups apply to the next search;
    /// groups must exist (a typo would otherwise hide the document from everyone but admins). A new
    /// collection moves the document's keyword postings and counts in the same transaction.
    /// </summary>
    private static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> PatchAsync(
        Guid id, PatchDocumentRequest request, KnowledgeBaseDbContext db, KeywordIndex keywords, TimeProvider time, CancellationToken cancellationToken)
    {
        var collection = request.Collection?.Trim();
        if (collection is { Length: 0 or > 100 })
        {
            return Invalid("'collection' must be 1 to 100 characters.");
        }

        IReadOnlyList<string>? groups = null;
        if (request.Groups is not null)
        {
            try
            {
                groups = GroupNames.Validate(request.Groups);
            }
            catch (AccountException e)
            {
                return Invalid(e.Message);
            }

            var known = await db.Groups.Where(g => groups.Contains(g.Name)).Select(g => g.Name).ToListAsync(cancellationToken);
            if (groups.Except(known).ToList() is { Count: > 0 } unknown)
            {
                return Invalid($"Unknown group(s): {string.Join(", ", unknown)}. Create them first (POST /api/groups).");
            }
        }

        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return NotFound(id);
        }

        if (collection is not null && collection != document.Collection
            && await db.Documents.AnyAsync(d => d.Collection == collection && d.Sha256 == document.Sha256, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"The collection '{collection}' already has a document with the same content.");
        }

        var moved = collection is not null && collection != document.Collection;
        document.Collection = collection ?? document.Collection;
        document.AccessGroups = groups is null ? document.AccessGroups : [.. groups];
        document.UpdatedAt = time.GetUtcNow();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The update locks the row first, so an ingestion or deletion of this document runs wholly before or after.
            await db.SaveChangesAsync(cancellationToken);
            if (moved)
            {
                await keywords.MoveDocumentAsync((NpgsqlConnection)db.Database.GetDbConnection(), id, document.Collection, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"The collection '{collection}' already has a document with the same content.");
        }

        var job = await db.IngestionJobs.AsNoTracking().Where(j => j.DocumentId == id).OrderByDescending(j => j.Id).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(DocumentView.From(document, job));
    }

    /// <summary>The access check is in the SQL: a document the caller may not read is a 404, as if it did not exist.</summary>
    private static async Task<IResult> ContentAsync(Guid id, ClaimsPrincipal user, KnowledgeBaseDbContext db, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var all = user.ManagesDocuments();
        var groups = user.Groups().ToArray();
        var document = await db.Documents.AsNoTracking()
            .Where(d => d.Id == id && (all || d.AccessGroups.Length == 0 || d.AccessGroups.Any(g => groups.Contains(g))))
            .Select(d => new { d.Sha256, d.ContentType, d.SourceName })
            .FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return NotFound(id);
        }

        Stream stream;
        try
        {
            stream = blobs.OpenRead(document.Sha256);
        }
        catch (FileNotFoundException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The file of document {id} is no longer stored.");
        }

        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(SafeFileName(document.SourceName));
        return new ContentResult(stream, document.ContentType, disposition.ToString());
    }

    /// <summary>Control characters, quotes and path separators never reach the header.</summary>
    internal static string SafeFileName(string name)
    {
        var cleaned = new string(name.Select(c => char.IsControl(c) || c is '"' or '\\' or '/' or ';' ? '_' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? "document" : cleaned;
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: detail);

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no document {id}.");

    /// <summary>
    /// Streams the file with range support. Anything but a PDF is sandboxed (no script, no same-origin
    /// access), so an uploaded HTML page cannot act as the app; nosniff keeps the declared type.
    /// </summary>
    private sealed class ContentResult(Stream stream, string contentType, string disposition) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.ContentDisposition = disposition;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, no-store";
            if (contentType != "application/pdf")
            {
                http.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";
            }

            return TypedResults.Stream(stream, contentType, enableRangeProcessing: true).ExecuteAsync(http);
        }
    }
}
