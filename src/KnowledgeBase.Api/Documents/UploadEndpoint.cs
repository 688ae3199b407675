using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Ingestion;
using KnowledgeBase.Infrastructure.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KnowledgeBase.Api.Documents;

/// <summary>
/// <c>POST /api/documents</c>: many files at once (multipart field <c>files</c>) with an optional
/// <c>collection</c>, <c>groups</c> and <c>replaces</c>; each file gets its own outcome. The body is
/// read as it arrives: each file goes straight to the blob store's staging area (cut off at
/// <c>Ingestion:MaxFileBytes</c>), the whole request at <c>Ingestion:MaxRequestBytes</c>; the fields
/// may come before or after the files, so the files are registered once the body has been read.
/// </summary>
internal static class UploadEndpoint
{
    public static void MapUpload(this RouteGroupBuilder group) =>
        group.MapPost("/", UploadAsync)
            .DisableAntiforgery()
            .Produces<UploadResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    public sealed record UploadResponse(IReadOnlyList<UploadItem> Documents);

    private sealed class RequestTooLargeException : Exception;

    private static async Task<IResult> UploadAsync(HttpContext http, DocumentService service, IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return DocumentProblems.UploadFailed("Send the files as multipart/form-data in the field 'files'.", StatusCodes.Status415UnsupportedMediaType);
        }

        var maxRequestBytes = options.Value.MaxRequestBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Past our limit the rest is read and dropped, so the client hears why; past twice it the connection is cut.
            limit.MaxRequestBodySize = maxRequestBytes > long.MaxValue / 2 ? long.MaxValue : maxRequestBytes * 2;
        }

        var body = new LimitedReadStream(http.Request.Body, maxRequestBytes, () => new RequestTooLargeException());
        var upload = new MultipartUpload();
        try
        {
            await upload.ReadAsync(new MultipartReader(boundary, body), service, cancellationToken);
            var (target, problem) = upload.Target();
            if (target is null)
            {
                return DocumentProblems.UploadFailed(problem!);
            }

            var results = new List<UploadResult>();
            foreach (var file in upload.Files)
            {
                results.Add(await service.RegisterAsync(file, target, cancellationToken));
            }

            return Answer(results);
        }
        catch (Exception e) when (e is RequestTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            await upload.DisposeAsync();
            await DrainAsync(http.Request.Body, cancellationToken);
            return DocumentProblems.UploadFailed(
                $"The upload is larger than the limit of {maxRequestBytes / (1024 * 1024)} MB per request; send fewer files at once.",
                StatusCodes.Status413PayloadTooLarge);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return DocumentProblems.UploadFailed($"The multipart body could not be read: {e.Message}");
        }
        finally
        {
            await upload.DisposeAsync();
        }
    }

    /// <summary>Reads what is left of the body into nothing, until its end or the server's hard limit cuts it.</summary>
    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        try
        {
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
            }
        }
        catch (BadHttpRequestException)
        {
        }
    }

    /// <summary>202 with one item per file; a problem when no file was accepted: 413 (all too large), 409 (all conflicting groups) or 422.</summary>
    private static IResult Answer(List<UploadResult> results)
    {
        var items = results.Select(UploadItem.From).ToList();
        if (results.Any(r => r.Outcome != UploadOutcome.Rejected))
        {
            return TypedResults.Json(new UploadResponse(items), statusCode: StatusCodes.Status202Accepted);
        }

        var status = results.Select(r => r.Refusal).Distinct().ToList() switch
        {
            [UploadRefusal.TooLarge] => StatusCodes.Status413PayloadTooLarge,
            [UploadRefusal.GroupsDiffer] => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return TypedResults.Problem(statusCode: status, title: "No file was accepted",
            detail: string.Join(" ", items.Select(i => $"{i.FileName}: {i.Reason}")),
            extensions: new Dictionary<string, object?> { ["documents"] = items });
    }
}
