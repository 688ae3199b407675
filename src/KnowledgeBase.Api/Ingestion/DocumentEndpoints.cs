using KnowledgeBase.Api.Identity;
using KnowledgeBase.Core.Documents;
using KnowledgeBase.Infrastructure.Data;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Infrastructure.Ingestion;
using KnowledgeBase.Infrastructure.Ingestion.Queue;
using KnowledgeBase.Infrastructure.Retrieval;
using KnowledgeBase.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KnowledgeBase.Api.Ingestion;

/// <summary>Admin-only document management: upload (many files), list, inspect, delete, re-ingest.</summary>
public static class DocumentEndpoints
{
    // Many files of up to Ingestion:MaxFileBytes each: the request as a whole may be large; each file is checked on its own.
    private const long MaxRequestBytes = 4L * 1024 * 1024 * 1024;

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("Documents").RequireAuthorization(Policies.Documents);

        group.MapPost("/", UploadAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxRequestBytes })
            .Produces<UploadResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetDocument");
        group.MapDelete("/{id:guid}", DeleteAsync);
        group.MapPost("/{id:guid}/reingest", ReingestAsync);
        app.MapDocumentAccessEndpoints();
    }

    public sealed record UploadResponse(IReadOnlyList<UploadItem> Documents);

    private static async Task<IResult> UploadAsync(HttpRequest request, DocumentUploader uploader, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Upload failed",
                detail: "Send the files as multipart/form-data in the field 'files'.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Upload failed", detail: $"The multipart body could not be read: {e.Message}");
        }

        if (form.Files.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Upload failed", detail: "The request has no files (multipart field 'files').");
        }

        Guid? replaces = null;
        if (form.TryGetValue("replaces", out var replacesValue) && replacesValue.Count > 0 && !string.IsNullOrWhiteSpace(replacesValue[0]))
        {
            if (!Guid.TryParse(replacesValue[0], out var parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Upload failed", detail: "'replaces' must be a document id.");
            }

            if (form.Files.Count > 1)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Upload failed", detail: "'replaces' takes exactly one file.");
            }

            replaces = parsed;
        }

        var collection = form["collection"].FirstOrDefault() is { Length: > 0 } c ? c.Trim() : "default";
        if (collection.Length > 100)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Upload failed", detail: "The collection name is longer than 100 characters.");
        }

        IReadOnlyList<string> groups;
        try
        {
            groups = GroupNames.Validate(form["groups"].SelectMany(g => (g ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
        }
        catch (AccountException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Upload failed", detail: e.Message);
        }

        var items = new List<UploadItem>();
        var tooLarge = 0;
        foreach (var file in form.Files)
        {
            UploadResult result;
            if (file.Length > options.Value.MaxFileBytes)
            {
                // Refused before reading a byte of it.
                result = new UploadResult(DisplayName.From(file.FileName), UploadOutcome.Rejected, null, null, null,
                    new BlobTooLargeException(options.Value.MaxFileBytes).Message, TooLarge: true);
            }
            else
            {
                await using var stream = file.OpenReadStream();
                result = await uploader.UploadAsync(new UploadRequest(file.FileName, stream, collection, groups, replaces), cancellationToken);
            }

            tooLarge += result.TooLarge ? 1 : 0;
            items.Add(new UploadItem(
                result.FileName,
                result.Outcome.ToString().ToLowerInvariant(),
                result.DocumentId,
                result.Status?.ToString().ToLowerInvariant(),
                result.DocumentId is { } id ? $"/api/documents/{id}" : null,
                result.Reason));
        }

        if (items.All(i => i.Outcome == "rejected"))
        {
            var status = tooLarge == items.Count ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status422UnprocessableEntity;
            return TypedResults.Problem(statusCode: status, title: "No file was accepted",
                detail: string.Join(" ", items.Select(i => $"{i.FileName}: {i.Reason}")),
                extensions: new Dictionary<string, object?> { ["documents"] = items });
        }

        return TypedResults.Json(new UploadResponse(items), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<Ok<List<DocumentView>>> ListAsync(KnowledgeBaseDbContext db, string? collection, string? status, CancellationToken cancellationToken)
    {
        var query = db.Documents.AsNoTracking();
        if (!string.IsNullOrEmpty(collection))
        {
            query = query.Where(d => d.Collection == collection);
        }

        if (Enum.TryParse<DocumentStatus>(status, true, out var wanted))
        {
            query = query.Where(d => d.Status == wanted);
        }

        var rows = await query
            .OrderByDescending(d => d.UpdatedAt)
            .Select(d => new { Document = d, Job = db.IngestionJobs.Where(j => j.DocumentId == d.Id).OrderByDescending(j => j.Id).FirstOrDefault() })
            .Take(1000)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => DocumentView.From(r.Document, r.Job)).ToList());
    }

    private static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> GetAsync(Guid id, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return NotFound(id);
        }

        var job = await db.IngestionJobs.AsNoTracking().Where(j => j.DocumentId == id).OrderByDescending(j => j.Id).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(DocumentView.From(document, job));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, DocumentUploader uploader, CancellationToken cancellationToken) =>
        await uploader.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);

    private static async Task<IResult> ReingestAsync(Guid id, DocumentUploader uploader, KnowledgeBaseDbContext db, CancellationToken cancellationToken)
    {
        var (job, alreadyQueued) = await uploader.ReingestAsync(id, cancellationToken);
        if (job is null)
        {
            return NotFound(id);
        }

        if (alreadyQueued)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already queued", detail: "This document is already being ingested.");
        }

        var document = await db.Documents.AsNoTracking().FirstAsync(d => d.Id == id, cancellationToken);
        return TypedResults.Accepted($"/api/documents/{id}", DocumentView.From(document, job));
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no document {id}.");
}
