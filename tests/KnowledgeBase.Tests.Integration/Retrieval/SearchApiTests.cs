using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;

namespace KnowledgeBase.Tests.Integration.Retrieval;

[Collection(SharedApp.Name)]
public sealed class SearchApiTests(AppFixture fixture)
{
    [Fact]
    public async Task Admins_see_fused_results_with_each_retrievers_rank()
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);

        var hybrid = await admin.Http.GetFromJsonAsync<JsonElement>("/api/search?q=FlexFit%20allowance%20per%20year&k=5&collection=default");
        var keyword = await admin.Http.GetFromJsonAsync<JsonElement>("/api/search?q=FlexFit&k=5&mode=keyword&collection=default");
        var dense = await admin.Http.GetFromJsonAsync<JsonElement>("/api/search?q=FlexFit&k=5&mode=dense&collection=default");

        var top = hybrid.GetProperty("results")[0];
        Assert.Equal("benefits-guide.pdf", top.GetProperty("sourceName").GetString());
        Assert.Equal(JsonValueKind.Number, top.GetProperty("denseRank").ValueKind);
        Assert.Equal(JsonValueKind.Number, top.GetProperty("keywordRank").ValueKind);
        Assert.All(keyword.GetProperty("results").EnumerateArray(), r =>
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty("denseRank").ValueKind);
            Assert.Contains("FlexFit", r.GetProperty("snippet").GetString() + r.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        });
        Assert.All(dense.GetProperty("results").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("keywordRank").ValueKind));
        Assert.Equal(5, dense.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/search", HttpStatusCode.BadRequest)]
    [InlineData("/api/search?q=x&k=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/search?q=x&k=101", HttpStatusCode.BadRequest)]
    [InlineData("/api/search?q=x&mode=fuzzy", HttpStatusCode.BadRequest)]
    [InlineData("/api/search?q=x&k=abc", HttpStatusCode.BadRequest)]
    public async Task Bad_search_parameters_are_400_problems(string url, HttpStatusCode expected)
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);

        var response = await admin.Http.GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(AppFixture.EmployeeEmail, HttpStatusCode.Forbidden)]
    public async Task Only_admins_may_use_the_debug_search(string? email, HttpStatusCode expected)
    {
        using var client = await fixture.App.SignInAsync(email, email is null ? null : AppFixture.Password);

        Assert.Equal(expected, (await client.Http.GetAsync("/api/search?q=salary")).StatusCode);
    }
}
