using System.Security.Claims;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Core.Retrieval;
using KnowledgeBase.Infrastructure.Documents;
using KnowledgeBase.Infrastructure.Storage;
using Microsoft.Net.Http.Headers;

namespace KnowledgeBase.Api.Documents;

/// <summary><c>GET /api/documents/{id}/content</c>: a document's original file, for whoever may read the document.</summary>
internal static class DocumentContentEndpoint
{
    public static void MapDocumentContent(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/documents/{id:guid}/content", ContentAsync)
            .WithTags("Documents")
            .RequireAuthorization(Policies.ReadDocument)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>
    /// The access check is in the SQL: a document the caller may not read is a 404, as if it did not exist. A browser
    /// that navigated here (a link opened in a tab) is sent to the web page that says so in words instead.
    /// </summary>
    private static async Task<IResult> ContentAsync(
        Guid id, ClaimsPrincipal user, HttpRequest request, DocumentQueries documents, IBlobStore blobs, CancellationToken cancellationToken)
    {
        var scope = new AccessScope(user.Groups(), user.ManagesDocuments());
        if (await documents.FindFileAsync(id, scope, cancellationToken) is not { } file)
        {
            return request.Headers["Sec-Fetch-Mode"] == "navigate" ? TypedResults.Redirect($"/documents/{id}") : DocumentProblems.NotFound(id);
        }

        Stream stream;
        try
        {
            stream = blobs.OpenRead(file.Sha256);
        }
        catch (FileNotFoundException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The file of document {id} is no longer stored.");
        }

        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(SafeFileName(file.SourceName));
        return new ContentResult(stream, file.ContentType, disposition.ToString());
    }

    /// <summary>Control characters, quotes and path separators never reach the header.</summary>
    internal static string SafeFileName(string name)
    {
        var cleaned = new string(name.Select(c => char.IsControl(c) || c is '"' or '\\' or '/' or ';' ? '_' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? "document" : cleaned;
    }

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
