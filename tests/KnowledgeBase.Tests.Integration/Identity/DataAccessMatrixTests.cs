using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeBase.Tests.Integration.Identity;

/// <summary>
/// Data × scopes: two groups (hr, finance), each with a document; for each group an employee and an API key of every
/// scope. Every endpoint the app maps (and the chat hub) is called by each of them, aimed at the other group's document
/// (its id in the path, its words as the question or query, the caller's own group as PATCH's target); no answer may
/// contain the other group's text, title, file name or id, and no change to the other group's document may succeed.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class DataAccessMatrixTests(IdentityApp fixture)
{
    private sealed record Secret(Guid Id, string Title, string SourceName, string Phrase, string Question);

    private sealed record Caller(string Name, string Group, Func<HttpClient> Http, Func<HubConnection>? Hub);

    [Fact]
    public async Task No_path_returns_another_groups_text_title_file_name_or_id_and_none_changes_its_document()
    {
        var secrets = new Dictionary<string, Secret>
        {
            ["hr"] = await SecretAsync(fixture.HrDocument, "7.5 million", "How big is the confidential bonus pool for 2026?"),
            ["finance"] = await SecretAsync(fixture.FinanceDocument, "12000 crowns", "What is the quarterly budget for espresso machines?"),
        };
        var callers = new List<Caller>();
        foreach (var group in secrets.Keys)
        {
            var email = $"only-{group}@matrix.example";
            await fixture.App.AddUserAsync(email, IdentityApp.Password, Roles.Employee, group);
            var person = await fixture.App.SignInAsync(email, IdentityApp.Password);
            callers.Add(new Caller($"employee of {group}", group, () => person.Http, () => person.Hub()));
            foreach (var scope in ApiKeyScopes.All)
            {
                var key = scope == ApiKeyScopes.Documents ? await LegacyDocumentsKeyAsync(group) : await CreateKeyAsync(scope, group);
                callers.Add(new Caller($"{scope} key of {group}", group, () => fixture.App.ApiKeyClient(key),
                    () => new HubConnectionBuilder().WithUrl(new Uri(fixture.App.BaseAddress, "/hubs/chat"), o => o.Headers["Authorization"] = $"Bearer {key}").Build()));
            }
        }

        var routes = AppRoutes.All(fixture.App.Services).Where(r => !r.Anonymous && !r.Pattern.StartsWith("/hubs", StringComparison.Ordinal) && r.Pattern != "/api/auth/logout").ToList();
        var leaks = new List<string>();
        foreach (var caller in callers)
        {
            var other = secrets[caller.Group == "hr" ? "finance" : "hr"];
            var http = caller.Http();
            foreach (var route in routes)
            {
                using var request = Request(route, other.Id, other, caller.Group);
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (Leaked(body, other) is { } what && !await SameAsForAMissingDocumentAsync(http, route, other, caller.Group, response, body))
                {
                    leaks.Add($"{caller.Name}: {request.Method} {request.RequestUri} → {(int)response.StatusCode} shows the other group's {what}");
                }

                if (request.Method != HttpMethod.Get && response.IsSuccessStatusCode && route.Pattern.Contains("{id", StringComparison.Ordinal))
                {
                    leaks.Add($"{caller.Name}: {request.Method} {request.RequestUri} → {(int)response.StatusCode} changed the other group's document");
                }
            }

            if (caller.Hub is { } hubFactory && caller.Name is var name && (name.StartsWith("employee", StringComparison.Ordinal) || name.StartsWith(ApiKeyScopes.Ask, StringComparison.Ordinal)))
            {
                await using var hub = hubFactory();
                await hub.StartAsync();
                var events = string.Join("\n", (await ChatEvents.AskAsync(hub, other.Question)).Select(e => e.GetRawText()));
                if (Leaked(events, other) is { } what)
                {
                    leaks.Add($"{caller.Name}: hub Ask shows the other group's {what}");
                }

                // The control: the same caller does get its own group's document, so silence above is not an outage.
                var own = secrets[caller.Group];
                var ownEvents = string.Join("\n", (await ChatEvents.AskAsync(hub, own.Question)).Select(e => e.GetRawText()));
                Assert.True(ownEvents.Contains(own.Phrase, StringComparison.Ordinal), $"{caller.Name} did not get its own group's answer: {ownEvents}");
            }
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        foreach (var (group, secret) in secrets)
        {
            Assert.Equal([group], await fixture.Database.ScalarAsync<string[]>($"SELECT access_groups FROM documents WHERE id = '{secret.Id}'"));
        }
    }

    /// <summary>
    /// A refusal that echoes the id the caller sent is no leak when it is exactly what a document that does not exist
    /// gets (same status, same body but for the id): the caller learns nothing, not even that the document exists.
    /// </summary>
    private static async Task<bool> SameAsForAMissingDocumentAsync(HttpClient http, AppRoute route, Secret other, string ownGroup, HttpResponseMessage response, string body)
    {
        if (response.IsSuccessStatusCode)
        {
            return false;
        }

        var missing = Guid.NewGuid();
        using var request = Request(route, missing, other, ownGroup);
        using var control = await http.SendAsync(request);
        var controlBody = await control.Content.ReadAsStringAsync();
        static string WithoutTrace(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\"traceId\":\"[^\"]*\"", string.Empty);
        return control.StatusCode == response.StatusCode
            && WithoutTrace(controlBody.Replace(missing.ToString(), other.Id.ToString(), StringComparison.Ordinal)) == WithoutTrace(body);
    }

    /// <summary>The route aimed at a document: <paramref name="id"/> in the path, the other group's question in every text field, the caller's group as target.</summary>
    private static HttpRequestMessage Request(AppRoute route, Guid id, Secret other, string ownGroup)
    {
        var method = route.Method == "ANY" ? "POST" : route.Method;
        var url = AppRoutes.Parameter().Replace(route.Pattern, m => m.Groups["constraint"].Value.Contains("guid", StringComparison.Ordinal) ? id.ToString() : Uri.EscapeDataString(other.Question));
        var query = string.Join("&", route.QueryParameters
            .Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) == typeof(string) && p.Name is "q" or "question")
            .Select(p => $"{p.Name}={Uri.EscapeDataString(other.Question)}"));
        var request = new HttpRequestMessage(new HttpMethod(method), query.Length > 0 ? $"{url}?{query}" : url);
        if (route.JsonBody is not null)
        {
            var body = JsonSerializer.Serialize(new
            {
                question = other.Question,
                groups = new[] { ownGroup },
                messages = new[] { new { role = "user", content = other.Question } },
            });
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static string? Leaked(string body, Secret other) =>
        body.Contains(other.Id.ToString(), StringComparison.OrdinalIgnoreCase) ? "id"
        : body.Contains(other.Phrase, StringComparison.Ordinal) ? "text"
        : body.Contains(other.SourceName, StringComparison.Ordinal) ? "file name"
        : body.Contains($"\"{other.Title}\"", StringComparison.Ordinal) ? "title"
        : null;

    private async Task<Secret> SecretAsync(Guid id, string phrase, string question) => new(
        id,
        await fixture.Database.ScalarAsync<string>($"SELECT title FROM documents WHERE id = '{id}'"),
        await fixture.Database.ScalarAsync<string>($"SELECT source_name FROM documents WHERE id = '{id}'"),
        phrase,
        question);

    [Fact]
    public async Task A_documents_key_cannot_be_limited_to_groups_because_it_manages_every_document()
    {
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);

        var refused = await admin.Http.PostAsJsonAsync("/api/keys", new { name = "hr uploader", scopes = new[] { "documents" }, groups = new[] { "hr" } });
        var allowed = await admin.Http.PostAsJsonAsync("/api/keys", new { name = "document admin", scopes = new[] { "documents" } });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("cannot be limited to groups", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Created, allowed.StatusCode);
    }

    /// <summary>A documents key with a group, as one made before such keys were refused: it must reach no document endpoint.</summary>
    private async Task<string> LegacyDocumentsKeyAsync(string group)
    {
        await using var services = fixture.App.Services.CreateAsyncScope();
        var (key, secret) = await services.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync($"legacy documents {group}", [ApiKeyScopes.Documents], [], null, CancellationToken.None);
        await fixture.Database.ScalarAsync<int>($"UPDATE api_keys SET groups = ARRAY['{group}'] WHERE id = '{key.Id}'");
        return secret;
    }

    private async Task<string> CreateKeyAsync(string scope, string group)
    {
        await using var services = fixture.App.Services.CreateAsyncScope();
        var (_, secret) = await services.ServiceProvider.GetRequiredService<ApiKeyStore>().CreateAsync($"data matrix {scope} {group}", [scope], [group], null, CancellationToken.None);
        return secret;
    }
}
