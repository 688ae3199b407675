using System.Text.RegularExpressions;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

[Collection(SharedApp.Name)]
public sealed class AdminInBrowserTests(AppFixture fixture, BrowserFixture browsers)
{
    [Fact]
    public async Task An_admin_uploads_a_file_watches_it_become_ready_and_deletes_it()
    {
        var page = await AdminPageAsync();
        var table = page.Locator("#documents-table");
        await Assertions.Expect(table).ToContainTextAsync("Benefits Guide 2025");

        // A group nobody else has, so the other tests' answers never see this document.
        var name = $"browser-upload-{Guid.NewGuid():N}.txt";
        await page.GetByLabel("Collection").FillAsync("browser");
        // The group is created inline in the picker, and chosen at once.
        await page.GetByLabel("New group name").FillAsync("browser-only");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "browser-only" })).ToBeCheckedAsync();
        await page.GetByLabel("Choose files to upload").SetInputFilesAsync(new FilePayload
        {
            Name = name,
            MimeType = "text/plain",
            Buffer = "Browser upload\n\nThe canteen opens at 11:30 on Fridays."u8.ToArray(),
        });

        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Uploads" })).ToContainTextAsync("Ready", new() { Timeout = 30_000 });
        var row = table.Locator("tr", new() { HasTextRegex = new Regex("Browser upload|" + Regex.Escape(name)) });
        await Assertions.Expect(row.Locator(".status-pill")).ToHaveTextAsync("ready", new() { Timeout = 30_000 });
        await Assertions.Expect(row).ToContainTextAsync("browser-only");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("admin-documents"), FullPage = true });

        await row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Delete ") }).ClickAsync();
        await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Delete document" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_admin_who_uploads_a_new_version_without_the_documents_groups_is_told_why_it_was_refused()
    {
        var page = await AdminPageAsync();
        var uploads = page.GetByRole(AriaRole.Region, new() { Name = "Uploads" });
        var name = $"browser-conflict-{Guid.NewGuid():N}.txt";
        var group = $"drill-{Guid.NewGuid():N}"[..14];
        await page.GetByLabel("Collection").FillAsync("browser");
        await page.GetByLabel("New group name").FillAsync(group);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create group" }).ClickAsync();
        var chosen = page.GetByRole(AriaRole.Checkbox, new() { Name = group });
        await Assertions.Expect(chosen).ToBeCheckedAsync();
        await page.GetByLabel("Choose files to upload").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/plain", Buffer = "Drill notes\n\nThe yarrowby drill is on Tuesday."u8.ToArray() });
        await Assertions.Expect(uploads).ToContainTextAsync(new Regex("Queued|Parsing|Chunking|Embedding|Ready"));

        await chosen.UncheckAsync();
        await page.GetByLabel("Choose files to upload").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/plain", Buffer = "Drill notes\n\nThe yarrowby drill moves to Wednesday."u8.ToArray() });

        await Assertions.Expect(uploads.GetByRole(AriaRole.Alert)).ToContainTextAsync($"it is readable by {group}, but this upload's 'groups' say everyone");
    }

    private async Task<IPage> AdminPageAsync()
    {
        var page = await (await browsers.BrowserAsync()).NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(fixture.App.BaseAddress.ToString());
        await page.FillAsync("#email", AppFixture.AdminEmail);
        await page.FillAsync("#password", AppFixture.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        return page;
    }
}
