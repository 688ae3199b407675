using System.Net;

namespace KnowledgeBase.Tests.Integration.Identity;

[Collection(IdentityCollection.Name)]
public sealed class DocumentContentTests(IdentityApp fixture)
{
    [Fact]
    public async Task The_original_file_is_served_inline_with_its_type_and_a_safe_name()
    {
        using var staff = await fixture.App.SignInAsync(IdentityApp.Staff, IdentityApp.Password);

        var response = await staff.Http.GetAsync($"/api/documents/{fixture.PublicDocument}/content");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith("canteen.html", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("The canteen opens at 11:30.", body, StringComparison.Ordinal);
        // An uploaded page must not run as the app: sandboxed, and its type not sniffed.
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Ranges_are_served_for_large_files()
    {
        using var staff = await fixture.App.SignInAsync(IdentityApp.Staff, IdentityApp.Password);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{fixture.PublicDocument}/content");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 5);

        var response = await staff.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("<html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_or_unreadable_documents_are_the_same_404()
    {
        using var staff = await fixture.App.SignInAsync(IdentityApp.Staff, IdentityApp.Password);

        var unknown = await staff.Http.GetAsync($"/api/documents/{Guid.NewGuid()}/content");
        var hidden = await staff.Http.GetAsync($"/api/documents/{fixture.HrDocument}/content");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
