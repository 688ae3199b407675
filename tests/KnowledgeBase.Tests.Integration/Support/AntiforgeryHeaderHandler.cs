using System.Net;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>Does what the web UI does: copies the XSRF-TOKEN cookie into the X-XSRF-TOKEN header of POST/PUT/PATCH/DELETE.</summary>
public sealed class AntiforgeryHeaderHandler(CookieContainer cookies) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && request.RequestUri is { } uri
            && cookies.GetCookies(uri)["XSRF-TOKEN"] is { } token)
        {
            request.Headers.Remove("X-XSRF-TOKEN");
            request.Headers.Add("X-XSRF-TOKEN", token.Value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
