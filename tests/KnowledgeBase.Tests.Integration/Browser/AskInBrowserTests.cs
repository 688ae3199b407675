using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

[Collection(SharedApp.Name)]
public sealed class AskInBrowserTests(AppFixture fixture, BrowserFixture browsers)
{
    [Theory]
    [InlineData("desktop", 1280, 900)]
    [InlineData("phone", 390, 844)]
    public async Task An_employee_signs_in_asks_and_sees_a_streamed_answer_with_page_citations(string device, int width, int height)
    {
        var page = await (await browsers.BrowserAsync()).NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        await page.GotoAsync(fixture.App.BaseAddress.ToString());

        await page.FillAsync("#email", AppFixture.EmployeeEmail);
        await page.FillAsync("#password", AppFixture.Password);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot($"sign-in-{device}") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.Locator(".mode-badge")).ToContainTextAsync("Offline extractive mode");
        await page.FillAsync("#question", "How much is the FlexFit allowance?");
        await page.ClickAsync("#ask");

        var citations = page.Locator("#citations li");
        await Assertions.Expect(citations.First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#answer")).ToContainTextAsync("600 EUR");
        await Assertions.Expect(page.Locator("#citations")).ToContainTextAsync("Benefits Guide 2025");
        // Passages widen the best chunk with its neighbours: the one that answers covers page 3.
        await Assertions.Expect(page.Locator("#citations")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Benefits Guide 2025 \u2014 (p\. 3|pp\. [1-3]\u2013[3-9])"));
        // Stop shows only while answering; Regenerate takes its place.
        await Assertions.Expect(page.Locator("#stop")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#regenerate")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot($"answer-{device}"), FullPage = true });

        await citations.First.GetByRole(AriaRole.Button).ClickAsync();
        var source = page.GetByRole(AriaRole.Complementary);
        await Assertions.Expect(source).ToBeVisibleAsync();
        // The panel quotes the part of the passage that matched and opens the PDF where it starts.
        await Assertions.Expect(source).ToContainTextAsync("FlexFit");
        await Assertions.Expect(source.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^/api/documents/[0-9a-f-]+/content#page=3$"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot($"source-panel-{device}") });
    }

    [Fact]
    public async Task A_wrong_password_shows_the_reason_on_the_page()
    {
        var page = await (await browsers.BrowserAsync()).NewPageAsync();
        await page.GotoAsync(fixture.App.BaseAddress.ToString());

        await page.FillAsync("#email", AppFixture.EmployeeEmail);
        await page.FillAsync("#password", "not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or password is wrong.");
    }
}
