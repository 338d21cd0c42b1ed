using System.Collections.Concurrent;
using System.Text.Json;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// One headless Chromium for all browser tests: launching it is the slow part, while a fresh
/// <see cref="IBrowserContext"/> per user (teacher, pupil) is cheap and fully isolated (own storage, cookies).
/// Uses the system Chromium from apt; Playwright never downloads a browser here.
/// Every page of every context reports its console errors and uncaught exceptions here (a Content-Security-Policy
/// violation is one); each test class ends with <see cref="AssertNoConsoleErrors"/>. <see cref="AssertAccessibleAsync"/>
/// runs axe-core (the npm package in Browser/axe) in the page.
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
        // Rooms: a generated camera and microphone, and no permission prompt, so video sessions run headless.
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
    ];

    /// <summary>axe-core rules and impacts that fail a test: serious and critical ones.</summary>
    private static readonly string[] FailingImpacts = ["serious", "critical"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private string? _axeSource;

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
    /// <param name="locale">The browser's language; the web client picks its own from it.</param>
    /// <param name="expectConnectionErrors">For tests that cut the network or end sessions on purpose: the SignalR
    /// client then logs connection failures, which are not faults of the page.</param>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl, int viewportWidth = 1024, string locale = "en-GB", bool expectConnectionErrors = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = viewportWidth, Height = 900 },
            Locale = locale,
        });
        context.SetDefaultTimeout(ActionTimeoutMilliseconds);
        context.Page += (_, page) => Watch(page, expectConnectionErrors);
        return context;
    }

    private void Watch(IPage page, bool expectConnectionErrors)
    {
        page.PageError += (_, error) => _consoleErrors.Enqueue($"{page.Url}: uncaught {error}");
        page.Console += (_, message) =>
        {
            if (message.Type != "error" || IsExpected(message.Text, expectConnectionErrors))
                return;
            _consoleErrors.Enqueue($"{page.Url}: {message.Text}");
        };
    }

    // Chromium logs every refused HTTP request ("Failed to load resource: ... status of 401") as a console error;
    // tests provoke refusals on purpose (wrong passwords, forbidden views) and the page shows them. Real faults
    // (exceptions, CSP violations, failed scripts) still count.
    private static bool IsExpected(string text, bool expectConnectionErrors) =>
        text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal)
        || (expectConnectionErrors && (text.Contains("WebSocket", StringComparison.Ordinal)
            || text.Contains("Failed to load resource", StringComparison.Ordinal)
            || text.Contains("[SignalR]", StringComparison.Ordinal) || text.Contains("Error: ", StringComparison.Ordinal)));

    /// <summary>Fails when any page opened since the last call logged a console error or threw.</summary>
    public void AssertNoConsoleErrors()
    {
        var errors = new List<string>();
        while (_consoleErrors.TryDequeue(out var error))
            errors.Add(error);
        Assert.True(errors.Count == 0, "Console errors in the browser:\n" + string.Join("\n", errors));
    }

    /// <summary>
    /// Runs axe-core on the page as it is now and fails on serious or critical violations, naming the view.
    /// axe is evaluated through the DevTools protocol, which the page's CSP does not govern.
    /// </summary>
    public async Task AssertAccessibleAsync(IPage page, string view)
    {
        _axeSource ??= await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root,
            "tests", "ETwinning.Collab.IntegrationTests", "Browser", "axe", "node_modules", "axe-core", "axe.min.js"));
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(_axeSource);
        var violations = await page.EvaluateAsync<JsonElement>(
            @"async (impacts) => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => impacts.includes(v.impact))
                .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')})`)",
            FailingImpacts);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, $"axe-core found serious or critical violations on {view}:\n" + string.Join("\n", found));
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
