using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>At 390×844: the badge fits one line, sources scroll sideways, the drawer traps focus, Escape closes what is open.</summary>
[Collection(SharedApp.Name)]
public sealed class PhoneInBrowserTests(AppFixture fixture, BrowserFixture browsers)
{
    [Fact]
    public async Task On_a_phone_the_badge_fits_one_line_sources_scroll_sideways_the_drawer_traps_focus_and_escape_closes_sheets()
    {
        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        await Screens.SignInAsync(page, AppFixture.EmployeeEmail);

        // The offline badge: icon and a short label on one line; a tap tells the whole story.
        var badge = page.Locator(".mode-badge");
        await Assertions.Expect(badge).ToHaveAccessibleNameAsync("Offline extractive mode");
        Assert.True((await badge.BoundingBoxAsync())!.Height < 28, "the badge is one line");
        // The long label and the drawer button's word are read out but take no room on screen.
        foreach (var readOutOnly in new[] { ".mode-long", ".drawer-toggle-label" })
        {
            Assert.True((await page.Locator(readOutOnly).BoundingBoxAsync())!.Width <= 1, $"{readOutOnly} is not shown on a phone");
        }

        await badge.ClickAsync();
        await Assertions.Expect(page.Locator(".mode-popover")).ToContainTextAsync("no language model is used");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mode-popover")).ToBeHiddenAsync();

        await page.FillAsync("#question", "What does the travel policy say about hotels and trains?");
        await page.PressAsync("#question", "Enter");
        await Assertions.Expect(page.Locator(".answer-footer")).ToBeVisibleAsync();
        var sources = page.Locator("#citations");
        Assert.Equal("nowrap", await sources.EvaluateAsync<string>("e => getComputedStyle(e).flexWrap"));
        Assert.True(await sources.EvaluateAsync<bool>("e => e.scrollWidth > e.clientWidth"), "the sources are one row that scrolls");
        await Screens.AssertNoSidewaysScrollAsync(page);

        // The source sheet closes on Escape wherever the focus is.
        await page.Locator("#citations li").First.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Complementary)).ToBeVisibleAsync();
        await Screens.CheckAsync(page, "employee-source-sheet", atPhoneWidth: _ => Task.CompletedTask);
        await page.Locator("#question").FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Complementary)).ToBeHiddenAsync();

        // The drawer keeps the focus inside while it is open, and Escape closes it, back to its button.
        await page.SetViewportSizeAsync(Screens.Phone.Width, Screens.Phone.Height);
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Conversations", Exact = true });
        await toggle.ClickAsync();
        var drawer = page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" });
        await Assertions.Expect(drawer).ToBeInViewportAsync();
        for (var i = 0; i < 25; i++)
        {
            await page.Keyboard.PressAsync(i % 5 == 4 ? "Shift+Tab" : "Tab");
            Assert.True(await drawer.EvaluateAsync<bool>("n => n.contains(document.activeElement)"), $"focus left the drawer after {i + 1} presses");
        }

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(drawer).Not.ToBeInViewportAsync();
        await Assertions.Expect(toggle).ToBeFocusedAsync();
    }
}
