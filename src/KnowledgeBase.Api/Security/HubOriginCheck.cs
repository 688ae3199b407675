namespace KnowledgeBase.Api.Security;

/// <summary>
/// A browser opens a WebSocket to any site with that site's cookies, and WebSockets have no CORS: a page elsewhere
/// could use a signed-in user's session on <c>/hubs/*</c>. A hub request whose <c>Origin</c> is neither this host nor
/// one of <see cref="SecurityOptions.AllowedOrigins"/> is refused with 403. Requests without an Origin (non-browser
/// clients, which bring their own credentials) pass.
/// </summary>
public sealed class HubOriginCheck(RequestDelegate next, Microsoft.Extensions.Options.IOptions<SecurityOptions> options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Request.Path.StartsWithSegments("/hubs") && http.Request.Headers.Origin is [{ } origin] && !Allowed(origin, http.Request))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "Hub connections are accepted only from this application's own pages (the Origin header does not match).").ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    private bool Allowed(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (string.Equals($"{uri.Scheme}://{uri.Authority}", $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase)
            || options.Value.AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase));
}
