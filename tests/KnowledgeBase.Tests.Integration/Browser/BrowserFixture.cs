using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>
/// One Chromium for every browser test of a collection (each test opens its own context), launched
/// on first use so collections without browser tests pay nothing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> launch = new(async () =>
    {
        var playwright = await Playwright.CreateAsync();
        return (playwright, await Chromium.LaunchAsync(playwright));
    });

    public async Task<IBrowser> BrowserAsync() => (await launch.Value).Browser;

    /// <summary>A fresh context (own cookies) with one page at the desktop size.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress)
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString(), ViewportSize = Screens.Desktop });
        return await context.NewPageAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (launch.IsValueCreated)
        {
            var (playwright, browser) = await launch.Value;
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }
}
