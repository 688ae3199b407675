using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace KnowledgeBase.Tests.Integration.Identity;

[Collection(IdentityCollection.Name)]
public sealed class ApiKeyTests(IdentityApp fixture)
{
    [Fact]
    public async Task A_key_is_shown_once_stored_hashed_and_works_as_bearer_or_x_api_key_within_its_groups()
    {
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);

        var created = await admin.Http.PostAsJsonAsync("/api/keys", new { name = "hr bot", scopes = new[] { "ask" }, groups = new[] { "hr" } });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        var listed = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/keys")).EnumerateArray().Single(k => k.GetProperty("id").GetString() == body.GetProperty("id").GetString());
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("kb_", key, StringComparison.Ordinal);
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.Equal(key[..11], listed.GetProperty("prefix").GetString());
        Assert.Equal(["ask"], listed.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM api_keys WHERE key_hash = '{hash}'"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM api_keys WHERE key_hash = '{key}' OR prefix = '{key}'"));

        using var bearer = fixture.App.ApiKeyClient(key);
        using var header = new HttpClient { BaseAddress = fixture.App.BaseAddress };
        header.DefaultRequestHeaders.Add("X-Api-Key", key);
        var answer = await bearer.PostAsJsonAsync("/api/ask", new { question = "How big is the confidential bonus pool for 2026?" });
        var viaHeader = await header.PostAsJsonAsync("/api/ask", new { question = "When does the canteen open?" });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(fixture.HrDocument.ToString(), await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, viaHeader.StatusCode);
        Assert.True(await fixture.Database.ScalarAsync<bool>($"SELECT last_used_at IS NOT NULL FROM api_keys WHERE key_hash = '{hash}'"));
    }

    [Fact]
    public async Task A_key_is_refused_outside_its_scopes_and_never_acts_as_a_person()
    {
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        var key = await CreateAsync(admin, "search only", ["search"]);
        using var client = fixture.App.ApiKeyClient(key);

        var search = await client.GetAsync("/api/search?q=canteen");
        var ask = await client.PostAsJsonAsync("/api/ask", new { question = "When does the canteen open?" });
        var users = await client.GetAsync("/api/users");
        var me = await client.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ask.StatusCode);
        Assert.Contains("scopes", (await ask.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_fails_at_its_next_request_and_leaves_the_list()
    {
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        var created = await (await admin.Http.PostAsJsonAsync("/api/keys", new { name = "to revoke", scopes = new[] { "documents" } })).Content.ReadFromJsonAsync<JsonElement>();
        using var client = fixture.App.ApiKeyClient(created.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/documents")).StatusCode);

        var revoked = await admin.Http.DeleteAsync($"/api/keys/{created.GetProperty("id").GetString()}");
        var after = await client.GetAsync("/api/documents");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain((await admin.Http.GetFromJsonAsync<JsonElement>("/api/keys")).EnumerateArray(), k => k.GetProperty("id").GetString() == created.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"name":"x","scopes":[]}""", "scopes")]
    [InlineData("""{"name":"x","scopes":["admin"]}""", "scopes")]
    [InlineData("""{"name":"","scopes":["ask"]}""", "name")]
    [InlineData("""{"name":"x","scopes":["ask"],"groups":["no-such-group"]}""", "Unknown group")]
    public async Task A_bad_key_request_is_a_400_problem_naming_the_field(string json, string expected)
    {
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);

        var response = await admin.Http.PostAsync("/api/keys", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_is_a_401_problem_and_needs_no_antiforgery_token()
    {
        using var client = fixture.App.ApiKeyClient("kb_thisisnotarealkeybutlooksliketheformat000");

        var response = await client.PostAsJsonAsync("/api/ask", new { question = "hello?" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("unknown", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> CreateAsync(Support.SignedInClient admin, string name, string[] scopes)
    {
        var response = await admin.Http.PostAsJsonAsync("/api/keys", new { name, scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }
}
