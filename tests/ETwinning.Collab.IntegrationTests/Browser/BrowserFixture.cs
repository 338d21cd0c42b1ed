using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// One headless Chromium for all browser tests: launching it is the slow part, while a fresh
/// <see cref="IBrowserContext"/> per user (teacher, pupil) is cheap and fully isolated (own storage, cookies).
/// Uses the system Chromium from apt; Playwright never downloads a browser here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where the Debian package installs Chromium; override with BROWSER_EXECUTABLE_PATH.</summary>
    private const string DefaultExecutablePath = "/usr/bin/chromium";

    /// <summary>The narrowest common phone screen; pupils often use small devices.</summary>
    public const int PhoneWidth = 360;

    // Generous because CI machines are small and shared; assertions still return as soon as they pass.
    private const float ExpectTimeoutMilliseconds = 15_000;
    private const float ActionTimeoutMilliseconds = 30_000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>When set (BROWSER_SCREENSHOTS=dir), tests save screenshots of each step there for review.</summary>
    public string? ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("BROWSER_SCREENSHOTS");

    public async Task InitializeAsync()
    {
        // The server serves the built client; without it every page would be a 404 and the failure cryptic.
        if (!File.Exists(Path.Combine(RepositoryPaths.WebClientDist, "index.html")))
            throw new InvalidOperationException(
                "The web client is not built. Run `npm ci && npm run build` in samples/web-client first.");
        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("BROWSER_EXECUTABLE_PATH") ?? DefaultExecutablePath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh, isolated browser profile (one person) whose relative URLs resolve against <paramref name="baseUrl"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl, int viewportWidth = 1024)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = viewportWidth, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(ActionTimeoutMilliseconds);
        return context;
    }

    /// <summary>Saves a full-page screenshot when <see cref="ScreenshotDirectory"/> is set; does nothing otherwise.</summary>
    public async Task ScreenshotAsync(IPage page, string name)
    {
        if (string.IsNullOrEmpty(ScreenshotDirectory))
            return;
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
