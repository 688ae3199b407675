using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Platform;

[Collection(SharedApp.Name)]
public sealed class HttpApiTests(AppFixture fixture)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    public async Task Operational_endpoints_answer_without_sign_in(string path)
    {
        using var client = await fixture.App.SignInAsync();

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/auth/me")]
    [InlineData("/api/info")]
    public async Task Api_endpoints_require_sign_in(string path)
    {
        using var client = await fixture.App.SignInAsync();

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Signing_in_returns_the_user_and_a_session_cookie()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.HrEmail, AppFixture.Password);

        var me = await client.Http.GetFromJsonAsync<JsonElement>("/api/auth/me");
        var info = await client.Http.GetFromJsonAsync<JsonElement>("/api/info");

        Assert.Equal(AppFixture.HrEmail, me.GetProperty("email").GetString());
        Assert.Equal(["hr", "staff"], me.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal("extractive", info.GetProperty("answerMode").GetString());
        Assert.True(info.GetProperty("documents").GetInt32() >= 7);
    }

    [Fact]
    public async Task The_document_count_only_counts_what_the_user_may_read()
    {
        using var hr = await fixture.App.SignInAsync(AppFixture.HrEmail, AppFixture.Password);
        using var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);

        var hrCount = (await hr.Http.GetFromJsonAsync<JsonElement>("/api/info")).GetProperty("documents").GetInt32();
        var employeeCount = (await employee.Http.GetFromJsonAsync<JsonElement>("/api/info")).GetProperty("documents").GetInt32();
        var hrOnly = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM documents WHERE status = 'ready' AND 'hr' = ANY(access_groups) AND NOT 'staff' = ANY(access_groups)");

        Assert.True(hrOnly >= 1);
        Assert.Equal(hrCount - hrOnly, employeeCount);
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_problem_with_a_clear_detail()
    {
        using var client = await fixture.App.SignInAsync();

        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = AppFixture.EmployeeEmail, password = "wrong-password" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("The email or password is wrong.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_without_credentials_is_a_400_problem()
    {
        using var client = await fixture.App.SignInAsync();

        var response = await client.Http.PostAsJsonAsync("/api/auth/login", new { email = "" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("required", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_not_a_500()
    {
        using var client = await fixture.App.SignInAsync();

        var response = await client.Http.PostAsync("/api/auth/login", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem_not_the_web_page()
    {
        using var client = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password);

        var response = await client.Http.GetAsync("/api/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
