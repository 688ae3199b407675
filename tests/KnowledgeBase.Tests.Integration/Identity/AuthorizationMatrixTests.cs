using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using KnowledgeBase.Api.Identity;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Identity;

/// <summary>
/// Every endpoint the app maps (read from its EndpointDataSource, so routes added later are covered
/// without touching this file) is called as anonymous, employee, admin and an API key of each scope;
/// the status must match what its policies allow. A route without authorization metadata fails the
/// test unless it is on the anonymous allow-list, and so does a policy this matrix does not know.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class AuthorizationMatrixTests(AppFixture fixture)
{
    /// <summary>Routes anyone may call. Adding one here is a security decision: say why.</summary>
    private static readonly HashSet<string> AnonymousAllowList =
    [
        "/health/live", "/health/ready", "/openapi/{documentName}.json", // probes and the API description
        "/api/auth/login", "/api/auth/providers", "/api/auth/oidc/login", // signing in
        "/api/{**rest}", "/v1/{**rest}", // the 404/405/400 answer for unknown API routes
        "/metrics", // Prometheus: not a person's route; in Production MetricsEndpointGuard admits only nearby scrapers or the scrape token (TelemetryStartupTests)
        "{*path:nonfile}", // the web UI's index.html
    ];

    /// <summary>Known routes and the policy each must carry (besides the automatic rule for all routes).</summary>
    public static TheoryData<string, string, string> KnownRoutes => new()
    {
        { "GET", "/api/auth/me", Policies.Person },
        { "POST", "/api/auth/logout", Policies.Person },
        { "GET", "/api/info", Policies.Person },
        { "GET", "/api/users/", Policies.Admin },
        { "POST", "/api/users/", Policies.Admin },
        { "PUT", "/api/users/{id:guid}", Policies.Admin },
        { "DELETE", "/api/users/{id:guid}", Policies.Admin },
        { "GET", "/api/groups/", Policies.Admin },
        { "POST", "/api/groups/", Policies.Admin },
        { "DELETE", "/api/groups/{name}", Policies.Admin },
        { "GET", "/api/keys/", Policies.Admin },
        { "POST", "/api/keys/", Policies.Admin },
        { "DELETE", "/api/keys/{id:guid}", Policies.Admin },
        { "POST", "/api/documents/", Policies.Documents },
        { "GET", "/api/documents/", Policies.Documents },
        { "GET", "/api/documents/{id:guid}", Policies.Documents },
        { "PATCH", "/api/documents/{id:guid}", Policies.Documents },
        { "DELETE", "/api/documents/{id:guid}", Policies.Documents },
        { "POST", "/api/documents/{id:guid}/reingest", Policies.Documents },
        { "GET", "/api/documents/{id:guid}/content", Policies.ReadDocument },
        { "GET", "/api/search", Policies.Search },
        { "POST", "/api/ask/", Policies.Ask },
        { "POST", "/api/ask/stream", Policies.Ask },
        { "ANY", "/hubs/chat/negotiate", Policies.Ask },
        { "ANY", "/hubs/chat", Policies.Ask },
        { "ANY", "/hubs/ingestion/negotiate", Policies.Admin },
        { "ANY", "/hubs/ingestion", Policies.Admin },
    };

    private sealed record Caller(string Name, bool Person, bool Admin, string[] Scopes);

    [Fact]
    public void Every_endpoint_requires_authorization_unless_it_is_on_the_anonymous_allow_list()
    {
        var unprotected = Routes().Where(r => r.Policies.Count == 0 && !AnonymousAllowList.Contains(r.Pattern)).ToList();

        Assert.True(unprotected.Count == 0, "Endpoints without authorization metadata: " + string.Join(", ", unprotected.Select(r => $"{r.Method} {r.Pattern}")));
    }

    [Theory]
    [MemberData(nameof(KnownRoutes))]
    public void Known_routes_carry_their_policy(string method, string pattern, string policy)
    {
        var routes = Routes();
        var route = routes.SingleOrDefault(r => r.Method == method && r.Pattern == pattern);

        Assert.True(route is not null, $"No {method} {pattern} among: {string.Join(", ", routes.Select(r => $"{r.Method} {r.Pattern}"))}");
        Assert.Contains(policy, route.Policies);
    }

    [Fact]
    public async Task Every_endpoint_answers_each_kind_of_caller_as_its_policies_say()
    {
        var callers = new List<(Caller Caller, Func<Task<HttpClient>> Client)>
        {
            (new Caller("anonymous", false, false, []), async () => (await fixture.App.SignInAsync()).Http),
            (new Caller("employee", true, false, []), async () => (await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password)).Http),
            (new Caller("admin", true, true, []), async () => (await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password)).Http),
        };
        foreach (var scope in ApiKeyScopes.All)
        {
            // A documents key manages every document, so it has no groups (see DataAccessMatrixTests for one that does).
            var key = await CreateKeyAsync([scope], scope == ApiKeyScopes.Documents ? [] : ["staff"]);
            callers.Add((new Caller($"key:{scope}", false, false, [scope]), () => Task.FromResult(fixture.App.ApiKeyClient(key))));
        }

        var mismatches = new List<string>();
        // Signing out last, so the other calls still have a session.
        var routes = Routes().Where(r => !r.Anonymous).OrderBy(r => r.Pattern == "/api/auth/logout").ToList();
        Assert.True(routes.Count >= KnownRoutes.Count);
        foreach (var (caller, clientFactory) in callers)
        {
            var http = await clientFactory();
            foreach (var route in routes)
            {
                var response = await SendAsync(http, route);
                var status = (int)response.StatusCode;
                var allowed = route.Policies.All(p => Allows(p, caller));
                var ok = caller.Name == "anonymous" ? status == 401
                    : allowed ? status is not (401 or 403) and < 500
                    : status == 403;
                if (!ok)
                {
                    mismatches.Add($"{caller.Name} {route.Method} {route.Pattern} [{string.Join(",", route.Policies)}] → {status}, expected {(caller.Name == "anonymous" ? "401" : allowed ? "allowed" : "403")}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Every_hub_method_is_behind_the_hubs_authorization_and_none_is_anonymous()
    {
        var hubs = typeof(AuthEndpoints).Assembly.GetTypes().Where(t => typeof(Hub).IsAssignableFrom(t) && !t.IsAbstract).ToList();

        Assert.NotEmpty(hubs);
        foreach (var hub in hubs)
        {
            Assert.True(hub.GetCustomAttributes<AuthorizeAttribute>().Any(), $"{hub.Name} has no [Authorize]");
            foreach (var method in hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                Assert.True(method.GetCustomAttribute<AllowAnonymousAttribute>() is null, $"{hub.Name}.{method.Name} allows anonymous callers");
            }
        }
    }

    [Fact]
    public async Task The_chat_hub_streams_to_an_employee_and_an_ask_key_but_refuses_anonymous_and_other_scopes()
    {
        using var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var anonymous = await fixture.App.SignInAsync();
        var askKey = await CreateKeyAsync([ApiKeyScopes.Ask], ["staff"]);
        var searchKey = await CreateKeyAsync([ApiKeyScopes.Search], ["staff"]);

        await using var employeeHub = employee.Hub();
        await employeeHub.StartAsync();
        await using var keyHub = KeyHub(askKey);
        await keyHub.StartAsync();
        var asEmployee = await ChatEvents.AskAsync(employeeHub, "How much is the FlexFit allowance?");
        var asKey = await ChatEvents.AskAsync(keyHub, "How much is the FlexFit allowance?");

        Assert.Equal("done", asEmployee[^1].Type());
        Assert.Equal("done", asKey[^1].Type());
        await using var anonymousHub = anonymous.Hub();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymousHub.StartAsync());
        await using var wrongScope = KeyHub(searchKey);
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => wrongScope.StartAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Another_groups_document_is_hidden_from_content_search_and_citations()
    {
        var hrDocument = await HrDocumentAsync();
        using var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);
        using var hr = await fixture.App.SignInAsync(AppFixture.HrEmail, AppFixture.Password);
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        using var staffAskKey = fixture.App.ApiKeyClient(await CreateKeyAsync([ApiKeyScopes.Ask], ["staff"]));
        using var staffSearchKey = fixture.App.ApiKeyClient(await CreateKeyAsync([ApiKeyScopes.Search], ["staff"]));
        using var hrSearchKey = fixture.App.ApiKeyClient(await CreateKeyAsync([ApiKeyScopes.Search], ["hr"]));
        var content = $"/api/documents/{hrDocument}/content";

        Assert.Equal(HttpStatusCode.NotFound, (await employee.Http.GetAsync(content)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staffAskKey.GetAsync(content)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hr.Http.GetAsync(content)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync(content)).StatusCode);

        const string search = "/api/search?q=salary%20review%20budget&k=20";
        Assert.DoesNotContain(hrDocument.ToString(), await staffSearchKey.GetStringAsync(search), StringComparison.Ordinal);
        Assert.Contains(hrDocument.ToString(), await hrSearchKey.GetStringAsync(search), StringComparison.Ordinal);
        Assert.Contains(hrDocument.ToString(), await admin.Http.GetStringAsync(search), StringComparison.Ordinal);

        var question = new StringContent("""{"question":"What is the 2026 salary review budget?"}""", Encoding.UTF8, "application/json");
        var asEmployee = await (await employee.Http.PostAsync("/api/ask", question)).Content.ReadAsStringAsync();
        var asKey = await (await staffAskKey.PostAsync("/api/ask", question)).Content.ReadAsStringAsync();
        var asHr = await (await hr.Http.PostAsync("/api/ask", question)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(hrDocument.ToString(), asEmployee, StringComparison.Ordinal);
        Assert.DoesNotContain(hrDocument.ToString(), asKey, StringComparison.Ordinal);
        Assert.Contains(hrDocument.ToString(), asHr, StringComparison.Ordinal);
    }

    private static bool Allows(string policy, Caller caller) => policy switch
    {
        Policies.Person => caller.Person,
        Policies.Admin => caller.Admin,
        Policies.Ask => caller.Person || caller.Scopes.Contains(ApiKeyScopes.Ask),
        Policies.Search => caller.Admin || caller.Scopes.Contains(ApiKeyScopes.Search),
        Policies.Documents => caller.Admin || caller.Scopes.Contains(ApiKeyScopes.Documents),
        Policies.ReadDocument => caller.Person || caller.Scopes.Length > 0,
        _ => throw new Xunit.Sdk.XunitException($"The policy '{policy}' is not in the authorization matrix: add what it allows to {nameof(Allows)}."),
    };

    private List<AppRoute> Routes() => AppRoutes.All(fixture.App.Services);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, AppRoute route)
    {
        var url = route.Url();
        var method = route.Method == "ANY" ? "POST" : route.Method;
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.Dispose();
        return response;
    }

    private HubConnection KeyHub(string key) =>
        new HubConnectionBuilder().WithUrl(new Uri(fixture.App.BaseAddress, "/hubs/chat"), o => o.Headers["Authorization"] = $"Bearer {key}").Build();

    private async Task<string> CreateKeyAsync(string[] scopes, string[] groups)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync($"matrix {string.Join('+', scopes)}", scopes, groups, null, CancellationToken.None);
        return secret;
    }

    private Task<Guid> HrDocumentAsync() =>
        fixture.Database.ScalarAsync<Guid>("SELECT id FROM documents WHERE access_groups = '{hr}' LIMIT 1");

}
