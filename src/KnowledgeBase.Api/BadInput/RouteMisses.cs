using KnowledgeBase.Api.OpenAi;
using Microsoft.AspNetCore.Routing.Template;

namespace KnowledgeBase.Api.BadInput;

/// <summary>
/// What the catch-all under <c>/api</c> and <c>/v1</c> answers: a path that some endpoint serves with another
/// method is a 405 (with <c>Allow</c>), one whose segment breaks a route constraint (a non-GUID id) a 400
/// naming it, anything else a 404.
/// </summary>
public static class RouteMisses
{
    public static void MapRouteMisses(this IEndpointRouteBuilder app)
    {
        foreach (var prefix in new[] { "/api", "/v1" })
        {
            app.Map(prefix + "/{**rest}", (HttpContext http, EndpointDataSource endpoints) => Answer(http, endpoints)).AllowAnonymous();
        }
    }

    private static IResult Answer(HttpContext http, EndpointDataSource endpoints)
    {
        var (status, detail, allow) = Classify(http.Request, endpoints);
        if (allow is not null)
        {
            http.Response.Headers.Allow = allow;
        }

        return OpenAiErrors.Applies(http.Request)
            ? OpenAiErrors.Result(status, detail)
            : TypedResults.Problem(statusCode: status, detail: detail);
    }

    private static (int Status, string Detail, string? Allow) Classify(HttpRequest request, EndpointDataSource endpoints)
    {
        var methods = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? badSegment = null;
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.Parameters.Any(p => p.IsCatchAll) || pattern.RawText is null)
            {
                continue;
            }

            var values = new RouteValueDictionary();
            if (!new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary()).TryMatch(request.Path, values))
            {
                continue;
            }

            var allowed = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [request.Method];
            if (!allowed.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
            {
                methods.UnionWith(allowed);
                continue;
            }

            // The path and method fit, so a constraint refused a segment: name it.
            badSegment ??= pattern.Parameters.Where(p => p.ParameterPolicies.Count > 0).Select(p => p.Name).FirstOrDefault(n => values.ContainsKey(n));
            if (badSegment is not null)
            {
                var value = values[badSegment]?.ToString();
                var guid = pattern.Parameters.Single(p => p.Name == badSegment).ParameterPolicies.Any(p => p.Content == "guid");
                return (StatusCodes.Status400BadRequest,
                    guid ? $"The '{badSegment}' in the path must be an id (a GUID); \"{value}\" is not." : $"The '{badSegment}' in the path is not valid: \"{value}\".",
                    null);
            }
        }

        return methods.Count > 0
            ? (StatusCodes.Status405MethodNotAllowed, $"{request.Path} does not accept {request.Method}; use {string.Join(" or ", methods.Order(StringComparer.Ordinal))}.",
                string.Join(", ", methods.Order(StringComparer.Ordinal)))
            : (StatusCodes.Status404NotFound, "No such API endpoint.", null);
    }
}
