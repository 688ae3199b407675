using Microsoft.Playwright;

namespace KnowledgeBase.Tests.Integration.Browser;

/// <summary>Debian's Chromium driven by Playwright; nothing is downloaded.</summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // The closed network refuses Chromium's background connections; --no-sandbox because CI runs as root.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

    public static string Screenshot(string name)
    {
        var dir = Path.Combine(Support.RepositoryPaths.Artifacts, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}
