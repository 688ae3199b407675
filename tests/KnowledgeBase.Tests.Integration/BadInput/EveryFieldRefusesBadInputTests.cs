using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.BadInput;

/// <summary>
/// The bad-input contract as a property over every endpoint the app maps (the same enumeration as the
/// authorization matrix): each string field of each JSON body, query and form gets a NUL, a 10 MB string, a wrong
/// JSON type and an unpaired UTF-16 surrogate, and every answer must be a 4xx with a detail that names no .NET type.
/// Called as an admin, so authorization never answers first.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class EveryFieldRefusesBadInputTests(AppFixture fixture)
{
    private static readonly string TenMegabytes = new('a', 10 * 1024 * 1024);

    /// <summary>The upload is multipart (no JSON metadata to read): its text fields, as documented in the README.</summary>
    private static readonly string[] UploadFormFields = ["collection", "groups", "replaces"];

    private sealed record Case(string Route, string Field, string Kind, Func<HttpRequestMessage> Request);

    [Fact]
    public async Task Every_string_field_of_every_endpoint_refuses_nul_huge_wrong_type_and_invalid_utf16_with_a_4xx_detail()
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var routes = AppRoutes.All(fixture.App.Services).Where(r => !r.Pattern.StartsWith("/hubs", StringComparison.Ordinal) && r.Pattern != "/api/auth/logout").ToList();
        var cases = routes.SelectMany(CasesFor).ToList();
        Assert.True(cases.Count > 100, $"Only {cases.Count} cases: the enumeration lost the endpoints' fields.");
        Assert.Contains(cases, c => c.Route.Contains("/v1/chat/completions", StringComparison.Ordinal) && c.Field.Contains("content", StringComparison.Ordinal));
        Assert.Contains(cases, c => c.Route.Contains("/api/search", StringComparison.Ordinal) && c.Field == "q");

        var failures = new List<string>();
        foreach (var c in cases)
        {
            using var request = c.Request();
            using var response = await admin.Http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var detail = Detail(body);
            var status = (int)response.StatusCode;
            // Kestrel itself refuses a %00 in the request target with a bare 400, before the app sees the request.
            var refusedByServer = c.Kind == "NUL in path" && status == 400 && body.Length == 0;
            if (!refusedByServer && (status is < 400 or >= 500 || string.IsNullOrWhiteSpace(detail) || detail.Contains("System.", StringComparison.Ordinal)))
            {
                failures.Add($"{c.Route} {c.Field} ({c.Kind}) → {status} {Shorten(body)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} bad inputs were not a 4xx with a detail:\n" + string.Join("\n", failures));
    }

    private static IEnumerable<Case> CasesFor(AppRoute route)
    {
        var method = new HttpMethod(route.Method == "ANY" ? "POST" : route.Method);
        var name = $"{method} {route.Pattern}";
        if (route.JsonBody is { } type)
        {
            var template = Template(type, 0)!;
            foreach (var (path, leaf) in Leaves(template, "$"))
            {
                foreach (var (kind, json) in BadValues(leaf))
                {
                    var body = Replace(template, path, json);
                    yield return new Case(name, path, kind, () => new HttpRequestMessage(method, route.Url()) { Content = Json(body) });
                }
            }

            foreach (var (kind, body) in new[] { ("array body", "[]"), ("string body", "\"text\""), ("malformed", "{\"a\":"), ("null body", "null") })
            {
                yield return new Case(name, "$", kind, () => new HttpRequestMessage(method, route.Url()) { Content = Json(body) });
            }
        }

        foreach (var parameter in route.QueryParameters)
        {
            var isString = (Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType) == typeof(string);
            // A URL cannot carry 10 MB (the server refuses the request line first); 6,000 characters is over every field's limit.
            var values = isString
                ? new[] { ("NUL", "a%00b"), ("long", new string('a', 6000)) }
                : new[] { ("NUL", "1%00"), ("wrong type", "not-a-" + parameter.ParameterType.Name.ToLowerInvariant()), ("huge number", "99999999999999999999") };
            foreach (var (kind, value) in values)
            {
                yield return new Case(name, parameter.Name!, kind, () => new HttpRequestMessage(method, $"{route.Url()}?{parameter.Name}={value}"));
            }
        }

        if (route.Method == "POST" && route.Pattern.TrimEnd('/') == "/api/documents")
        {
            foreach (var field in UploadFormFields)
            {
                // A form carries UTF-8: an unpaired surrogate cannot be sent (the client writes U+FFFD).
                foreach (var (kind, value) in new[] { ("NUL", "a\0b"), ("huge", TenMegabytes) })
                {
                    yield return new Case(name, field, kind, () => new HttpRequestMessage(method, route.Url()) { Content = Upload(field, value) });
                }
            }

            // A file name whose "extension" alone is longer than a name may be.
            yield return new Case(name, "files (name)", "long extension", () => new HttpRequestMessage(method, route.Url())
            {
                Content = Upload("collection", "bad-input", "note." + new string('x', 600)),
            });
        }

        foreach (var segment in AppRoutes.Parameter().Matches(route.Pattern).Where(m => !m.Value.Contains(':', StringComparison.Ordinal) && !m.Value.Contains('*', StringComparison.Ordinal)))
        {
            yield return new Case(name, segment.Groups["name"].Value, "NUL in path", () => new HttpRequestMessage(method, route.Url("a%00b")) { Content = route.JsonBody is null ? null : Json("{}") });
        }
    }

    /// <summary>A body of the request type's shape: strings "x", numbers 1, lists of one element, objects recursively.</summary>
    private static JsonNode? Template(Type type, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string) || t == typeof(JsonElement))
        {
            return JsonValue.Create("x");
        }

        if (t == typeof(bool))
        {
            return JsonValue.Create(false);
        }

        if (t.IsPrimitive || t == typeof(decimal))
        {
            return JsonValue.Create(1);
        }

        if (t == typeof(Guid))
        {
            return JsonValue.Create(Guid.NewGuid());
        }

        if (t != typeof(string) && t.GetInterfaces().Append(t).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable)
        {
            return new JsonArray(Template(enumerable.GetGenericArguments()[0], depth + 1));
        }

        var obj = new JsonObject();
        if (depth < 3)
        {
            foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || p.GetMethod?.IsPublic == true))
            {
                obj[JsonNamingPolicy.CamelCase.ConvertName(property.Name) is var camel && t.Namespace?.EndsWith("OpenAi", StringComparison.Ordinal) == true
                    ? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name) : camel] = Template(property.PropertyType, depth + 1);
            }
        }

        return obj;
    }

    private static IEnumerable<(string Path, JsonNode Leaf)> Leaves(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is not null)
                    {
                        foreach (var leaf in Leaves(value, $"{path}.{key}"))
                        {
                            yield return leaf;
                        }
                    }
                }

                yield break;
            case JsonArray array:
                yield return (path, array);
                if (array.Count > 0 && array[0] is { } first)
                {
                    foreach (var leaf in Leaves(first, $"{path}[0]"))
                    {
                        yield return leaf;
                    }
                }

                yield break;
            default:
                yield return (path, node);
                yield break;
        }
    }

    /// <summary>Raw JSON for each bad value a leaf of this kind gets.</summary>
    private static IEnumerable<(string Kind, string Json)> BadValues(JsonNode leaf)
    {
        if (leaf is JsonArray)
        {
            yield return ("wrong type", "\"not-an-array\"");
            yield break;
        }

        if (leaf.GetValueKind() == JsonValueKind.String && leaf.ToJsonString() == "\"x\"")
        {
            yield return ("NUL", "\"a\\u0000b\"");
            yield return ("huge", "\"" + TenMegabytes + "\"");
            yield return ("wrong type", "{\"nested\":true}");
            yield return ("invalid UTF-16", "\"a\\ud800b\"");
            yield break;
        }

        yield return ("wrong type", leaf.GetValueKind() == JsonValueKind.String ? "12345" : "\"not-a-value\"");
    }

    /// <summary>The template as text with the node at <paramref name="path"/> swapped for raw JSON (raw so invalid UTF-16 survives).</summary>
    private static string Replace(JsonNode template, string path, string json)
    {
        const string Marker = "\"__bad_value__\"";
        var copy = template.DeepClone();
        var target = path == "$" ? null : Navigate(copy, path);
        if (target is null)
        {
            return json;
        }

        target.ReplaceWith(JsonValue.Create("__bad_value__"));
        return copy.ToJsonString().Replace(Marker, json, StringComparison.Ordinal);
    }

    private static JsonNode? Navigate(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path[2..].Replace("[0]", ".[0]", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = part == "[0]" ? node?.AsArray()[0] : node?.AsObject()[part];
        }

        return node;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Upload(string field, string value, string fileName = "bad-input-note.txt")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("A short note about bad input."u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "files", fileName);
        form.Add(new StringContent(value, Encoding.UTF8), field);
        return form;
    }

    /// <summary>The problem's <c>detail</c>, or OpenAI's <c>error.message</c>; null when the body is neither.</summary>
    private static string? Detail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind != JsonValueKind.Object ? null
                : root.TryGetProperty("detail", out var detail) ? detail.GetString()
                : root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
