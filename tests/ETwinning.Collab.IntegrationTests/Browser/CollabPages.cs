using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The steps every browser test repeats, written once against the web client's data-testid contract
/// (samples/web-client), so a changed screen is fixed in one place.
/// </summary>
public static class CollabPages
{
    /// <summary>
    /// A JavaScript condition: video element <c>v</c> shows a picture of width <c>w</c> and height <c>h</c>, or that
    /// picture scaled down (a sender short of CPU or bandwidth scales down, never up, and keeps the shape).
    /// </summary>
    public const string SameShape = "v.videoWidth > 0 && v.videoWidth <= w && Math.abs(v.videoWidth / v.videoHeight - w / h) < 0.02";

    public const string TeacherPassword = CollabServer.TeacherPassword;

    /// <summary>Registers an (auto-validated) teacher through the API and returns the e-mail to log in with.</summary>
    public static Task<string> RegisterTeacherAsync(CollabServer server, string displayName = "Teacher (Austria)", string country = "AT") =>
        server.RegisterTeacherAsync(displayName, country);

    /// <summary>Logs a teacher in on the page already showing the login screen and waits for the live connection.</summary>
    public static async Task LoginAsTeacherAsync(IPage page, string email)
    {
        await page.GetByTestId("teacher-email").FillAsync(email);
        await page.GetByTestId("teacher-password").FillAsync(TeacherPassword);
        await page.GetByTestId("teacher-login-submit").ClickAsync();
        // By its state, not its words: the page may be in any language.
        await Expect(page.GetByTestId("connection-status")).ToHaveAttributeAsync("data-state", "connected");
    }

    /// <summary>A new page of <paramref name="context"/> at <paramref name="path"/>, where the teacher logs in.</summary>
    public static async Task<IPage> OpenAsTeacherAsync(IBrowserContext context, string path, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await LoginAsTeacherAsync(page, email);
        return page;
    }

    /// <summary>A new page of <paramref name="context"/> on the login screen, where the pupil submits the pupil login.</summary>
    public static async Task<IPage> OpenAsPupilAsync(IBrowserContext context, string code, string username, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await SubmitPupilLoginAsync(page, code, username, password);
        return page;
    }

    /// <summary>Fills the pupil tab of the login screen and submits it (the caller checks the outcome).</summary>
    public static async Task SubmitPupilLoginAsync(IPage page, string code, string username, string password)
    {
        await page.GetByTestId("login-tab-pupil").ClickAsync();
        await page.GetByTestId("pupil-code").FillAsync(code);
        await page.GetByTestId("pupil-username").FillAsync(username);
        await page.GetByTestId("pupil-password").FillAsync(password);
        await page.GetByTestId("pupil-login-submit").ClickAsync();
    }

    /// <summary>
    /// Opens a view of the TwinSpace menu (<c>home</c>, <c>pages</c>, <c>materials</c>, <c>forum</c>, <c>chat</c>,
    /// <c>members</c>, <c>bulletin</c>, <c>settings</c>) as a person would: on a phone the menu opens first.
    /// </summary>
    public static async Task OpenViewAsync(IPage page, string section)
    {
        await OpenMenuAsync(page);
        await page.GetByTestId($"nav-{section}").ClickAsync();
    }

    /// <summary>Opens a page from the page tree of the menu.</summary>
    public static async Task OpenPageFromMenuAsync(IPage page, string title)
    {
        await OpenMenuAsync(page);
        await page.GetByTestId("page-link").Filter(new() { HasText = title }).ClickAsync();
    }

    /// <summary>On a phone the menu is folded behind its button; wider screens always show it.</summary>
    public static async Task OpenMenuAsync(IPage page)
    {
        // The TwinSpace is joined once its title is in the menu; before that the menu is empty.
        await Expect(page.GetByTestId("nav-twinspace-title")).Not.ToBeEmptyAsync();
        var toggle = page.GetByTestId("menu-toggle");
        if (await toggle.IsVisibleAsync() && await toggle.GetAttributeAsync("aria-expanded") != "true")
            await toggle.ClickAsync();
    }

    /// <summary>The member row of the first member whose name contains <paramref name="name"/>.</summary>
    public static ILocator MemberRow(IPage page, string name) =>
        page.GetByTestId("member-row").Filter(new() { Has = page.GetByTestId("member-name").GetByText(name) });
}
