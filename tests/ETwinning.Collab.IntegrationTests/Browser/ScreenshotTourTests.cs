using System.Text.RegularExpressions;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The demo TwinSpace as its teacher and one of its pupils see it, on a desktop and on a phone: every main view
/// opens with the demo's content and passes axe. With <c>UPDATE_SCREENSHOTS=1</c> the run writes the pictures of the
/// web client's README to docs/screenshots (otherwise to <c>BROWSER_SCREENSHOTS</c> when set, or nowhere).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ScreenshotTourTests(BrowserFixture browser) : IAsyncLifetime
{
    private const int DesktopWidth = 1280;
    private CollabServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await CollabServer.StartAsync(new Dictionary<string, string?> { ["Demo:Enabled"] = "true" });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    private static string? Folder =>
        Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryPaths.Root, "docs", "screenshots")
            : Environment.GetEnvironmentVariable("BROWSER_SCREENSHOTS");

    [Fact]
    public async Task The_demo_TwinSpace_as_teacher_and_pupil_on_desktop_and_phone()
    {
        var file = Path.Combine(_server.Services.GetRequiredService<DatabaseFiles>().DataDirectory, "demo-logins.txt");
        await Eventually.AssertAsync(() => Assert.True(File.Exists(file)));
        var logins = await File.ReadAllTextAsync(file);
        var teacher = TeacherLine().Match(logins);
        var code = CodeLine().Match(logins).Groups["code"].Value;
        var fox = PupilLine().Match(logins);

        foreach (var (width, device) in new[] { (DesktopWidth, "desktop"), (BrowserFixture.PhoneWidth, "phone") })
        {
            await using var teacherContext = await browser.NewContextAsync(_server.BaseUrl, width);
            var page = await teacherContext.NewPageAsync();
            await page.GotoAsync("/");
            await page.GetByTestId("teacher-email").FillAsync(teacher.Groups["email"].Value);
            await page.GetByTestId("teacher-password").FillAsync(teacher.Groups["password"].Value);
            await page.GetByTestId("teacher-login-submit").ClickAsync();
            await page.GetByTestId("twinspace-item").First.ClickAsync();
            await TourAsync(page, $"teacher-{device}", ["home", "pages", "forum", "chat", "members", "bulletin"]);

            await using var pupilContext = await browser.NewContextAsync(_server.BaseUrl, width);
            var pupil = await pupilContext.NewPageAsync();
            await pupil.GotoAsync("/");
            await SubmitPupilLoginAsync(pupil, code, fox.Groups["username"].Value, fox.Groups["password"].Value);
            await TourAsync(pupil, $"pupil-{device}", ["home", "pages", "materials", "forum", "chat"]);
        }
    }

    private async Task TourAsync(IPage page, string who, string[] views)
    {
        await Expect(page.GetByTestId("journal-item")).Not.ToHaveCountAsync(0);
        foreach (var view in views)
        {
            if (view == "pages")
            {
                await OpenPageFromMenuAsync(page, "Welcome");
                await Expect(page.GetByTestId("page-image")).ToHaveCountAsync(1);
                await Expect(page.GetByTestId("page-image")).ToHaveJSPropertyAsync("complete", true);
            }
            else
            {
                await OpenViewAsync(page, view);
            }
            if (view == "forum") await page.GetByTestId("discussion-open").ClickAsync();
            if (view == "chat") await Expect(page.GetByTestId("chat-message")).Not.ToHaveCountAsync(0);
            if (view == "materials") await Expect(page.GetByTestId("material-thumbnail")).Not.ToHaveCountAsync(0);
            await browser.AssertAccessibleAsync(page, $"{view} ({who})");
            await SaveAsync(page, $"{who}-{view}");
        }
    }

    private static async Task SaveAsync(IPage page, string name)
    {
        if (Folder is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = false });
    }

    [GeneratedRegex(@"Teacher \(AT.*?\): (?<email>\S+) / (?<password>\S+)")]
    private static partial Regex TeacherLine();

    [GeneratedRegex(@"TwinSpace code (?<code>\S+)")]
    private static partial Regex CodeLine();

    [GeneratedRegex(@"^\s+Fox: (?<username>\S+) / (?<password>\S+)$", RegexOptions.Multiline)]
    private static partial Regex PupilLine();
}
