using System.Net.Http.Json;
using System.Text.RegularExpressions;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>The admin's upload flow (one row per file to ready, failed or "already there"), and feedback down to the rated turn.</summary>
[Collection(SharedApp.Name)]
public sealed class AdminFlowsInBrowserTests(AppFixture fixture, BrowserFixture browsers)
{
    [Fact]
    public async Task Each_uploaded_file_is_one_row_that_ends_ready_failed_with_its_reason_already_there_or_as_a_new_version()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(page, AppFixture.AdminEmail);
        await page.GotoAsync("/admin/documents");
        var input = page.GetByLabel("Choose files to upload");
        Assert.Equal(".pdf,.docx,.md,.markdown,.html,.htm,.txt,.csv,.json,.jsonl,.ndjson", await input.GetAttributeAsync("accept"));
        await Assertions.Expect(page.Locator(".dropzone")).ToContainTextAsync("CSV, JSON");
        var uploads = page.GetByRole(AriaRole.List, new() { Name = "Uploads" });

        // The same bytes as a sample document, into the same collection: nothing new.
        await input.SetInputFilesAsync(new FilePayload
        {
            Name = "onboarding-faq.txt",
            MimeType = "text/plain",
            Buffer = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SampleDocs, "onboarding-faq.txt")),
        });
        await Assertions.Expect(Row(uploads, "onboarding-faq.txt")).ToContainTextAsync("Already in the knowledge base");

        // New files into a collection and a group nobody reads, the group created in the picker.
        await page.GetByLabel("Collection").FillAsync($"polish-{suffix}");
        await page.GetByLabel("New group name").FillAsync($"polish-{suffix}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = $"polish-{suffix}" })).ToBeCheckedAsync();
        await input.SetInputFilesAsync(
        [
            Text($"canteen-menu-{suffix}.md", "# Canteen menu\n\nSoup on Tuesdays, fish on Fridays."),
            Text($"desk-list-{suffix}.csv", "desk,owner\nA1,Mira\nA2,Jon\n"),
            Text($"rota-{suffix}.json", "{\"rota\": [{\"day\": \"Monday\", \"team\": \"Blue\"}]}"),
            new FilePayload { Name = $"setup-{suffix}.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00] },
        ]);
        foreach (var name in new[] { $"canteen-menu-{suffix}.md", $"desk-list-{suffix}.csv", $"rota-{suffix}.json" })
        {
            await Assertions.Expect(Row(uploads, name).Locator(".status-pill")).ToHaveTextAsync("Ready", new() { Timeout = 30_000 });
        }

        var bad = Row(uploads, $"setup-{suffix}.exe");
        await Assertions.Expect(bad.Locator(".status-pill")).ToHaveTextAsync("Failed");
        await Assertions.Expect(bad.GetByRole(AriaRole.Alert)).ToContainTextAsync("Unsupported file type");
        await Assertions.Expect(bad).Not.ToContainTextAsync("/api/");

        // The same name with new content: a new version of that document.
        await input.SetInputFilesAsync(Text($"canteen-menu-{suffix}.md", "# Canteen menu\n\nSoup on Tuesdays, curry on Fridays."));
        var version = uploads.Locator("li").First;
        await Assertions.Expect(version).ToContainTextAsync("New version of");
        await Assertions.Expect(version.Locator(".status-pill")).ToHaveTextAsync("Ready", new() { Timeout = 30_000 });
        await Screens.CheckAsync(page, "admin-upload-flow");
        // On a phone the documents table is cards: nothing scrolls sideways, no word is cut.
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        Assert.Equal("none", await page.Locator("#documents-table thead").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        await Screens.AssertNoSidewaysScrollAsync(page);
    }

    [Fact]
    public async Task A_not_helpful_rating_is_found_by_filter_and_opens_its_turn_with_sources_and_the_lists_page()
    {
        using (var employee = await fixture.App.SignInAsync(AppFixture.EmployeeEmail, AppFixture.Password))
        {
            var answer = await employee.AskAsync("When must FlexFit claims be submitted?");
            (await employee.Http.PutAsJsonAsync($"/api/messages/{answer.MessageId()}/feedback", new { rating = "down", comment = "Browser polish: which month?" })).EnsureSuccessStatusCode();
        }

        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(page, AppFixture.AdminEmail);
        // The server says there are 60 ratings: the list pages through them 25 at a time.
        await page.RouteAsync(new Regex(@"/api/admin/feedback\?"), async route =>
        {
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["x-total-count"] = "60" };
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
        await page.GotoAsync("/admin/feedback");
        await page.GetByLabel("Rating").SelectOptionAsync("down");
        await page.GetByLabel("From").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Browser polish: which month?" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Feedback pages" });
        await Assertions.Expect(pager).ToContainTextAsync("of 60");
        await Screens.CheckAsync(page, "admin-feedback-filtered");
        var next = await page.RunAndWaitForRequestAsync(
            () => pager.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync(), new Regex(@"/api/admin/feedback\?.*offset=25"));
        Assert.Contains("rating=down", next.Url, StringComparison.Ordinal);
        await Assertions.Expect(pager).ToContainTextAsync("26–");
        await pager.GetByRole(AriaRole.Button, new() { Name = "Previous" }).ClickAsync();

        await row.GetByRole(AriaRole.Link, new() { Name = "When must FlexFit claims be submitted?" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/feedback/[0-9a-f-]{36}$"));
        var turn = page.GetByRole(AriaRole.Region, new() { Name = "Rated not helpful" });
        await Assertions.Expect(turn).ToContainTextAsync("Browser polish: which month?");
        await Assertions.Expect(turn.GetByRole(AriaRole.List, new() { Name = "Sources" })).ToContainTextAsync("Benefits Guide 2025");
        await turn.GetByRole(AriaRole.List, new() { Name = "Sources" }).GetByRole(AriaRole.Button).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Source 1" })).ToBeVisibleAsync();
        await Screens.CheckAsync(page, "admin-feedback-turn");
    }

    private static ILocator Row(ILocator uploads, string fileName) => uploads.GetByRole(AriaRole.Listitem, new() { Name = fileName });

    private static FilePayload Text(string name, string text) =>
        new() { Name = name, MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(text) };
}
