using System.Reflection;
using System.Text.RegularExpressions;
using KnowledgeBase.Api.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Support;

/// <summary>One endpoint and method as the app maps it, with what it reads from the request.</summary>
public sealed record AppRoute(string Method, string Pattern, IReadOnlyList<string> Policies, bool Anonymous, Type? JsonBody, IReadOnlyList<ParameterInfo> QueryParameters)
{
    /// <summary>The pattern with each parameter filled in: a new GUID for GUID-constrained ones, else <paramref name="other"/>.</summary>
    public string Url(string other = "no-such-thing") =>
        AppRoutes.Parameter().Replace(Pattern, m => m.Groups["constraint"].Value.Contains("guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString() : other);
}

/// <summary>
/// Every endpoint the app maps, read from its EndpointDataSource, so routes added later are covered by the
/// tests that enumerate them (authorization matrix, bad-input properties) without touching those tests.
/// </summary>
public static partial class AppRoutes
{
    private static readonly Type[] FrameworkTypes =
    [
        typeof(HttpContext), typeof(HttpRequest), typeof(HttpResponse), typeof(System.Security.Claims.ClaimsPrincipal), typeof(CancellationToken),
        typeof(IFormFile), typeof(IFormFileCollection), typeof(IFormCollection), typeof(Stream), typeof(System.IO.Pipelines.PipeReader),
    ];

    public static List<AppRoute> All(IServiceProvider services)
    {
        var isService = services.GetRequiredService<IServiceProviderIsService>();
        return services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var policies = e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? Policies.Person).Distinct().ToList();
                var anonymous = e.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                // Routes mapped for any method (hub connections, negotiate) are exercised with POST, a state change.
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
                var accepts = e.Metadata.GetMetadata<IAcceptsMetadata>();
                var body = accepts?.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)) == true ? accepts.RequestType : null;
                var routeNames = e.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var query = (e.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
                    .Where(p => p.Name is not null && !routeNames.Contains(p.Name) && IsSimple(p.ParameterType)
                        && !FrameworkTypes.Contains(p.ParameterType) && !isService.IsService(p.ParameterType))
                    .ToList();
                return methods.Select(m => new AppRoute(m, e.RoutePattern.RawText ?? string.Empty, anonymous ? [] : policies, anonymous, body, query));
            })
            .ToList();
    }

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t.IsPrimitive || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(DateTimeOffset) || t == typeof(decimal) || t.IsEnum;
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>\w+)(?<constraint>:[^}]*)?\??\}")]
    internal static partial Regex Parameter();
}
