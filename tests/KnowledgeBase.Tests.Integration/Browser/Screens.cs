using Deque.AxeCore.Playwright;
using KnowledgeBase.Tests.Integration.Support;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>Signing in, and checking a screen: axe at both widths, with a screenshot of each for review.</summary>
internal static class Screens
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly string[] Blocking = ["serious", "critical"];

    public static async Task SignInAsync(IPage page, string email, string password = AppFixture.Password)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Scans and photographs the screen as it is, at desktop then phone width (then back to desktop).</summary>
    public static async Task CheckAsync(IPage page, string name, Func<IPage, Task>? atPhoneWidth = null)
    {
        await CheckAtAsync(page, $"{name}-desktop", Desktop);
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        if (atPhoneWidth is not null)
        {
            await atPhoneWidth(page);
        }

        await CheckAtAsync(page, $"{name}-phone", Phone);
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
    }

    /// <summary>The page is no wider than the window; on failure, names the elements that stick out.</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var wide = await page.EvaluateAsync<string[]>(
            """
            () => document.documentElement.scrollWidth <= window.innerWidth ? [] :
              [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .slice(0, 8)
                .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent || '').trim().slice(0, 20)}" in ${e.parentElement?.className} right=${Math.round(e.getBoundingClientRect().right)}`)
            """);
        Assert.True(wide.Length == 0, $"The page scrolls sideways; too wide: {string.Join("; ", wide)}");
    }

    private static async Task CheckAtAsync(IPage page, string shot, ViewportSize size)
    {
        await page.SetViewportSizeAsync(size.Width, size.Height);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot(shot), FullPage = true, Animations = ScreenshotAnimations.Disabled });
        var results = await page.RunAxe();
        var blocking = results.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToList();
        Assert.True(blocking.Count == 0, $"{shot}: axe found {blocking.Count} serious or critical violations:\n{string.Join("\n", blocking)}");
    }
}
