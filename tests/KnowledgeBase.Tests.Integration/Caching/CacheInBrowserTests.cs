using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using KnowledgeBase.Tests.Integration.Browser;
using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Caching;

/// <summary>The answer cache as people see it in the web UI (real Chromium, real host, fake model).</summary>
[Collection(CacheApp.Name)]
public sealed class CacheInBrowserTests(CacheAppFixture fixture, BrowserFixture browsers)
{
    [Fact]
    public async Task A_repeated_question_is_marked_cached_and_the_admin_usage_screen_shows_the_hit_rate_and_the_cost_saved()
    {
        await fixture.PurgeAsync();
        var page = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(page, CacheAppFixture.Employee, CacheAppFixture.Password);
        // Asked in two new chats (a follow-up would be keyed on its condensed question): the second is served from the cache.
        foreach (var cached in new[] { false, true })
        {
            await page.FillAsync("#question", "What does FlexFit pay per calendar year?");
            await page.ClickAsync("#ask");
            var footer = page.Locator(".answer-footer");
            await Assertions.Expect(footer).ToContainTextAsync("model-a", new() { Timeout = 30_000 });
            await (cached ? Assertions.Expect(footer).ToContainTextAsync("cached") : Assertions.Expect(footer).Not.ToContainTextAsync("cached"));
            await page.GetByRole(AriaRole.Link, new() { Name = "New chat", Exact = true }).ClickAsync();
            await Assertions.Expect(footer).ToHaveCountAsync(0);
        }

        // The screen shows what the report says, which now holds a real hit and what it saved.
        using var api = await fixture.App.SignInAsync(CacheAppFixture.Admin, CacheAppFixture.Password);
        var report = await api.Http.GetFromJsonAsync<JsonElement>("/api/admin/usage");
        var totals = report.GetProperty("totals");
        var today = report.GetProperty("byDay").EnumerateArray().Last();
        Assert.True(today.GetProperty("cacheHits").GetInt64() >= 1);
        Assert.True(totals.GetProperty("costSaved").GetDecimal() > 0);

        var admin = await browsers.NewPageAsync(fixture.App.BaseAddress);
        await Screens.SignInAsync(admin, CacheAppFixture.Admin, CacheAppFixture.Password);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Usage" }).ClickAsync();
        var summary = admin.Locator("dl");
        await Assertions.Expect(summary.Locator("div", new() { HasText = "Cache hit rate" }).Locator("dd")).ToHaveTextAsync(HitRate(totals));
        await Assertions.Expect(summary.Locator("div", new() { HasText = "Cost saved by the cache" }).Locator("dd")).ToHaveTextAsync(Cost(totals.GetProperty("costSaved").GetDecimal()));
        var row = admin.GetByRole(AriaRole.Region, new() { Name = "Answer cache by day table" }).GetByRole(AriaRole.Row).Filter(new() { HasText = today.GetProperty("day").GetString() });
        await Assertions.Expect(row.Locator("td")).ToHaveTextAsync([
            today.GetProperty("day").GetString()!,
            today.GetProperty("questions").GetInt64().ToString("N0", CultureInfo.InvariantCulture),
            today.GetProperty("cacheHits").GetInt64().ToString("N0", CultureInfo.InvariantCulture),
            HitRate(today),
            Cost(today.GetProperty("costSaved").GetDecimal()),
        ]);
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("admin-usage-cache"), FullPage = true });
    }

    /// <summary>As the screen writes it: a whole percentage of the questions.</summary>
    private static string HitRate(JsonElement usage) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(usage.GetProperty("cacheHits").GetDouble() / usage.GetProperty("questions").GetDouble() * 100, MidpointRounding.AwayFromZero)} %");

    /// <summary>As the screen writes it: dollars, four decimals below a cent.</summary>
    private static string Cost(decimal cost) =>
        "$" + cost.ToString(cost is > 0 and < 0.01m ? "0.0000" : "0.00", CultureInfo.InvariantCulture);
}
