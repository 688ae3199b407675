using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>A document's page: its title and original for a reader who may open it, a friendly page (never JSON) for one who may not.</summary>
[Collection(SharedApp.Name)]
public sealed class DocumentPageInBrowserTests(AppFixture fixture, BrowserFixture browsers)
{
    [Fact]
    public async Task A_reader_sees_a_document_they_may_open_and_a_friendly_page_for_one_outside_their_groups()
    {
        var (guide, salaryReview) = await DocumentIdsAsync();
        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(page, AppFixture.EmployeeEmail);

        await page.GotoAsync($"/documents/{guide}?page=3");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Benefits Guide 2025");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the PDF at page 3" }))
            .ToHaveAttributeAsync("href", $"/api/documents/{guide}/content#page=3");
        await Screens.CheckAsync(page, "document-page");

        // Straight to the file of a document for another group: the browser lands on a page, not on a JSON 404.
        await page.GotoAsync($"/api/documents/{salaryReview}/content");
        await Assertions.Expect(page).ToHaveURLAsync($"{fixture.App.BaseAddress}documents/{salaryReview}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This document isn’t available to you");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("Salary review");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("\"status\"");
        await Screens.CheckAsync(page, "document-not-available");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to chat" }).ClickAsync();
        await Assertions.Expect(page.Locator("#question")).ToBeVisibleAsync();
    }

    private async Task<(Guid Guide, Guid SalaryReview)> DocumentIdsAsync()
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var documents = (await admin.Http.GetFromJsonAsync<JsonElement>("/api/documents")).EnumerateArray().ToList();
        Guid Find(Func<string, bool> source) => documents.First(d => source(d.GetProperty("sourceName").GetString()!)).GetProperty("id").GetGuid();
        return (Find(s => s == "benefits-guide.pdf"), Find(s => s.StartsWith("salary-review-", StringComparison.Ordinal)));
    }
}
