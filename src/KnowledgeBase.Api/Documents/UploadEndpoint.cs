using KnowledgeBase.Api.BadInput;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;

namespace KnowledgeBase.Api.Documents;

/// <summary>
/// <c>POST /api/documents</c>: many files at once (multipart field <c>files</c>) with an optional
/// <c>collection</c>, <c>groups</c> and <c>replaces</c>; each file gets its own outcome.
/// </summary>
internal static class UploadEndpoint
{
    // Many files of up to Ingestion:MaxFileBytes each: the request as a whole may be large; each file is checked on its own.
    private const long MaxRequestBytes = 4L * 1024 * 1024 * 1024;

    public static void MapUpload(this RouteGroupBuilder group) =>
        group.MapPost("/", UploadAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxRequestBytes })
            .Produces<UploadResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public sealed record UploadResponse(IReadOnlyList<UploadItem> Documents);

    private static async Task<IResult> UploadAsync(HttpRequest request, DocumentService service, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return DocumentProblems.UploadFailed("Send the files as multipart/form-data in the field 'files'.", StatusCodes.Status415UnsupportedMediaType);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return DocumentProblems.UploadFailed($"The multipart body could not be read: {e.Message}");
        }

        var (fields, problem) = ReadFields(form);
        if (fields is null)
        {
            return DocumentProblems.UploadFailed(problem!);
        }

        var results = new List<UploadResult>();
        foreach (var file in form.Files)
        {
            await using var stream = file.OpenReadStream();
            results.Add(await service.UploadAsync(
                new UploadRequest(file.FileName, stream, fields.Collection, fields.Groups, fields.Replaces, file.Length), cancellationToken));
        }

        return Answer(results);
    }

    private sealed record Fields(string Collection, IReadOnlyList<string> Groups, Guid? Replaces);

    /// <summary>The form's fields, or why they cannot be used.</summary>
    private static (Fields? Fields, string? Problem) ReadFields(IFormCollection form)
    {
        if (form.Files.Count == 0)
        {
            return (null, "The request has no files (multipart field 'files').");
        }

        // The same text rules as JSON fields: a NUL would otherwise reach PostgreSQL.
        foreach (var (field, values) in form)
        {
            if (values.OfType<string>().Select(TextRules.Problem).OfType<string>().FirstOrDefault() is { } unusable)
            {
                return (null, $"The form field '{(TextRules.Problem(field) is null ? field : "?")}' {unusable}.");
            }
        }

        Guid? replaces = null;
        if (form["replaces"].FirstOrDefault() is { } replacesText && !string.IsNullOrWhiteSpace(replacesText))
        {
            if (!Guid.TryParse(replacesText, out var id))
            {
                return (null, "'replaces' must be a document id.");
            }

            if (form.Files.Count > 1)
            {
                return (null, "'replaces' takes exactly one file.");
            }

            replaces = id;
        }

        var collection = CollectionNames.OrDefault(form["collection"].FirstOrDefault());
        if (CollectionNames.Problem(collection) is { } invalidCollection)
        {
            return (null, invalidCollection);
        }

        try
        {
            return (new Fields(collection, GroupNames.Validate(GroupList(form)), replaces), null);
        }
        catch (AccountException e)
        {
            return (null, e.Message);
        }
    }

    private static IEnumerable<string> GroupList(IFormCollection form) =>
        form["groups"].SelectMany(g => (g ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>202 with one item per file; a problem when no file was accepted: 413 when all were too large, 422 otherwise.</summary>
    private static IResult Answer(List<UploadResult> results)
    {
        var items = results.Select(UploadItem.From).ToList();
        if (results.All(r => r.Outcome == UploadOutcome.Rejected))
        {
            var status = results.All(r => r.TooLarge) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status422UnprocessableEntity;
            return TypedResults.Problem(statusCode: status, title: "No file was accepted",
                detail: string.Join(" ", items.Select(i => $"{i.FileName}: {i.Reason}")),
                extensions: new Dictionary<string, object?> { ["documents"] = items });
        }

        return TypedResults.Json(new UploadResponse(items), statusCode: StatusCodes.Status202Accepted);
    }
}
