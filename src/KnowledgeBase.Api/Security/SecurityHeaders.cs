namespace KnowledgeBase.Api.Security;

/// <summary>
/// Headers on every response (the web UI and the API): a Content-Security-Policy that allows only this origin's
/// scripts (no inline script), styles, connections (fetch, SignalR) and images (plus data: URLs), no framing, no
/// plug-ins; no MIME sniffing; the origin only as referrer. HSTS is added separately, in Production.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                // An endpoint may set a stricter value of its own (a served document's "sandbox" policy): keep it.
                var headers = http.Response.Headers;
                headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy);
                headers.TryAdd("X-Content-Type-Options", "nosniff");
                headers.TryAdd("X-Frame-Options", "DENY");
                headers.TryAdd("Referrer-Policy", "strict-origin-when-cross-origin");
                headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
                headers.TryAdd("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
                return Task.CompletedTask;
            });
            return next(http);
        });
}
