using Microsoft.Playwright;
using Shop.Tests.Infrastructure;

namespace Shop.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright against the running topology's storefront (its http endpoint). One
/// browser for the run; each test gets its own context (cookies, storage), so tests do not share a session.
/// </summary>
public static class StorefrontBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>Where screenshots go: under the test output (git-ignored), printed by the tests that write them.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<IBrowserContext> NewContextAsync(ShopAppFixture shop, int width = 1280, int height = 900)
    {
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = shop.App.GetEndpoint("webapp", "http").ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
        // Generous waits: the whole topology shares a small machine with the rest of the suite. Tests wait for
        // states (a heading, a status), never for a time.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    private static async Task<IBrowser> BrowserAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true })
            {
                return _browser;
            }

            if (!File.Exists(ChromiumPath))
            {
                throw new InvalidOperationException($"The browser tests need Chromium at {ChromiumPath}: apt-get install chromium (./shop.sh test installs it).");
            }

            _playwright ??= await Playwright.CreateAsync();
            Assertions.SetDefaultExpectTimeout(20_000);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }
}
