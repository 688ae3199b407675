using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Identity;

[Collection(IdentityCollection.Name)]
public sealed class SignInTests(IdentityApp fixture)
{
    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_silently_and_admins_see_until_when()
    {
        await fixture.App.AddUserAsync("locked@identity.example", IdentityApp.Password, Roles.Employee);
        using var client = await fixture.App.SignInAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.Http.PostAsJsonAsync("/api/auth/login", new { email = "locked@identity.example", password = "wrong-password" })).StatusCode);
        }

        var withRightPassword = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = "locked@identity.example", password = IdentityApp.Password });
        var problem = await withRightPassword.Content.ReadFromJsonAsync<JsonElement>();

        // The caller learns nothing an unknown e-mail would not tell them: the same 401 and the same sentence.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, withRightPassword.StatusCode);
        Assert.Equal("application/problem+json", withRightPassword.Content.Headers.ContentType?.MediaType);
        Assert.Contains("locked for a few minutes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var admin = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        var listed = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/users")).EnumerateArray().Single(u => u.GetProperty("email").GetString() == "locked@identity.example");
        var until = listed.GetProperty("lockedOutUntil").GetDateTimeOffset();
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));
    }

    [Fact]
    public async Task Me_has_the_contract_shape_and_sign_in_issues_a_readable_xsrf_cookie()
    {
        using var client = await fixture.App.SignInAsync(IdentityApp.Hr, IdentityApp.Password);

        var me = await client.Http.GetFromJsonAsync<JsonElement>("/api/auth/me");
        var cookies = client.Cookies.GetCookies(fixture.App.BaseAddress);

        Assert.True(Guid.TryParse(me.GetProperty("id").GetString(), out _));
        Assert.Equal(IdentityApp.Hr, me.GetProperty("email").GetString());
        Assert.Equal("Employee", me.GetProperty("role").GetString());
        Assert.Equal(["hr", "staff"], me.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.True(me.TryGetProperty("displayName", out _));
        Assert.False(cookies["XSRF-TOKEN"]!.HttpOnly);
        Assert.True(cookies["kb.auth"]!.HttpOnly);
    }

    [Fact]
    public async Task A_sign_in_cookie_from_one_api_instance_is_accepted_by_another_because_the_key_ring_is_in_the_database()
    {
        using var client = await fixture.App.SignInAsync(IdentityApp.Staff, IdentityApp.Password);
        using var secondInstance = new KnowledgeBaseApp(fixture.Database.ConnectionString);
        using var other = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = secondInstance.BaseAddress };
        other.DefaultRequestHeaders.Add("Cookie", client.CookieHeader);

        var me = await other.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(IdentityApp.Staff, (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys") >= 1);
    }

    [Fact]
    public async Task The_start_up_admin_from_configuration_can_sign_in_as_admin()
    {
        using var client = await fixture.App.SignInAsync("first-admin@identity.example", "first-admin-password");

        var me = await client.Http.GetFromJsonAsync<JsonElement>("/api/auth/me");

        Assert.Equal("Admin", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Providers_offer_password_only_when_no_identity_provider_is_configured()
    {
        using var client = await fixture.App.SignInAsync();

        var providers = await client.Http.GetFromJsonAsync<JsonElement>("/api/auth/providers");

        Assert.True(providers.GetProperty("password").GetBoolean());
        Assert.Equal(JsonValueKind.Null, providers.GetProperty("oidc").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/api/auth/oidc/login")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = await fixture.App.SignInAsync(IdentityApp.Staff, IdentityApp.Password);

        var logout = await client.Http.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.Http.GetAsync("/api/auth/me")).StatusCode);
    }
}
