using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace KnowledgeBase.Tests.Integration.Identity;

[Collection(IdentityCollection.Name)]
public sealed class AntiforgeryTests(IdentityApp fixture)
{
    [Fact]
    public async Task A_cookie_state_change_without_the_header_is_a_400_problem_that_says_what_to_send()
    {
        using var client = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password, sendAntiforgeryToken: false);

        var response = await client.Http.PostAsJsonAsync("/api/groups", new { name = "never-created" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-XSRF-TOKEN", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM groups WHERE name = 'never-created'"));
    }

    [Fact]
    public async Task A_token_of_another_session_is_rejected()
    {
        using var victim = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password, sendAntiforgeryToken: false);
        using var other = await fixture.App.SignInAsync(IdentityApp.Staff, IdentityApp.Password);
        var foreignToken = other.Cookies.GetCookies(fixture.App.BaseAddress)["XSRF-TOKEN"]!.Value;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/groups") { Content = JsonContent.Create(new { name = "forged" }) };
        request.Headers.Add("X-XSRF-TOKEN", foreignToken);
        var response = await victim.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task With_the_header_the_change_goes_through_and_reads_need_none()
    {
        using var client = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password);
        using var reader = await fixture.App.SignInAsync(IdentityApp.Admin, IdentityApp.Password, sendAntiforgeryToken: false);

        var created = await client.Http.PostAsJsonAsync("/api/groups", new { name = "xsrf-ok", description = "made with the header" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.Http.GetAsync("/api/groups")).StatusCode);
    }
}
