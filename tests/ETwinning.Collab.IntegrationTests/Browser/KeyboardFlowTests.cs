using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// Keyboard only, no mouse: a teacher logs in, opens a page from the menu, writes and formats with the shortcuts and
/// the toolbar, then opens the chat and sends a message; a pupil logs in on the pupil tab. Every step starts from
/// where Tab leads, as it would for someone who cannot use a mouse.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    // Enough for the longest way here (top bar, menu with its pages, page tools) with room to spare.
    private const int MaxTabs = 80;
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_teacher_logs_in_edits_a_page_and_chats_with_the_keyboard_only()
    {
        var email = await RegisterTeacherAsync(_server, "Teacher (Austria)");
        await using var founder = await _server.ConnectAsync(await _server.Api.LoginAsync(new LoginRequest(email, TeacherPassword)));
        var twinSpace = await founder.CreateTwinSpaceAsync("Stories across borders");
        await founder.CreatePageAsync(twinSpace.Id, "Our story");

        await using var context = await browser.NewContextAsync(_server.BaseUrl);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/#/twinspaces/{twinSpace.Id}");

        await TabToAsync(page, "[data-testid=teacher-email]");
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(TeacherPassword);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Connected");
        await Expect(page.GetByTestId("home-view")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("page-link")).ToBeVisibleAsync();

        await TabToAsync(page, "[data-testid=page-link]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("editor-status")).ToHaveTextAsync("Everyone on this page sees your changes as you type.");
        await TabToAsync(page, ".ProseMirror");
        await page.Keyboard.TypeAsync("Once upon a time ");
        await page.Keyboard.PressAsync("Control+b");
        await page.Keyboard.TypeAsync("in Graz");
        await page.Keyboard.PressAsync("Control+b");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("a fox");
        // Back to the toolbar (before the editor) and make the line a bulleted list.
        await TabToAsync(page, "[data-testid=tool-bullets]", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        var editor = page.GetByTestId("page-editor").Locator(".ProseMirror");
        await Expect(editor.Locator("strong")).ToHaveTextAsync("in Graz");
        await Expect(editor.Locator("ul li")).ToHaveTextAsync("a fox");
        await Expect(page.GetByTestId("tool-bullets")).ToBeVisibleAsync();

        await TabToAsync(page, "[data-testid=nav-chat]", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("chat-panel")).ToBeVisibleAsync();
        await TabToAsync(page, "[data-testid=chat-input]");
        await page.Keyboard.TypeAsync("Hello from the keyboard");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("chat-text").Filter(new() { HasText = "Hello from the keyboard" })).ToBeVisibleAsync();

        // Leaving the page for the chat must not lose what was typed last: the server gets all of it.
        var stored = await Pages.PageEditor.JoinAsync(founder, twinSpace.Id, (await founder.ListPagesAsync(twinSpace.Id)).Single().Id);
        await Eventually.AssertAsync(() =>
        {
            Assert.Contains("in Graz", stored.Xml, StringComparison.Ordinal);
            Assert.Contains("a fox", stored.Xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_pupil_logs_in_on_the_pupil_tab_with_the_keyboard_only()
    {
        await using var founder = await _server.ConnectAsync(await _server.NewTeacherAsync());
        var twinSpace = await founder.CreateTwinSpaceAsync("Stories across borders");
        var fox = (await founder.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();

        await using var context = await browser.NewContextAsync(_server.BaseUrl, BrowserFixture.PhoneWidth);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await TabToAsync(page, "[data-testid=login-tab-teacher]");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByTestId("login-tab-pupil")).ToHaveAttributeAsync("aria-selected", "true");
        await TabToAsync(page, "[data-testid=pupil-code]");
        await page.Keyboard.TypeAsync(twinSpace.Code);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(fox.Username);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(fox.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("twinspace-title")).ToHaveTextAsync("Stories across borders");

        // On a phone the menu button opens the menu, and the keyboard reaches the views in it.
        await Expect(page.GetByTestId("nav-twinspace-title")).Not.ToBeEmptyAsync();
        await TabToAsync(page, "[data-testid=menu-toggle]");
        await page.Keyboard.PressAsync("Enter");
        await TabToAsync(page, "[data-testid=nav-chat]");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("chat-panel")).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focused element matches <paramref name="selector"/>.</summary>
    private static async Task TabToAsync(IPage page, string selector, bool backwards = false)
    {
        for (var i = 0; i < MaxTabs; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
                return;
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        Assert.Fail($"Tab never reached {selector}.");
    }
}
