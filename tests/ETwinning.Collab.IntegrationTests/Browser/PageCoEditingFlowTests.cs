using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// Writing a page together, in real Chromium: a teacher and a pupil (two isolated browser contexts) open the same
/// page, type into it, and each sees the other's text and named cursor.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageCoEditingFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_teacher_and_a_pupil_type_into_one_page_and_see_each_others_text_and_cursor()
    {
        // The project is set up through the hub; the flow under test is the editing.
        var email = await RegisterTeacherAsync(_server, "Teacher (Austria)");
        var tokens = await _server.Api.LoginAsync(new LoginRequest(email, TeacherPassword));
        await using var setup = await _server.ConnectAsync(tokens);
        var twinSpace = await setup.CreateTwinSpaceAsync("Stories across borders");
        var fox = (await setup.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();
        var story = await setup.CreatePageAsync(twinSpace.Id, "Our story", "Written by Fox and the teacher");
        await setup.AssignPageEditorsAsync(twinSpace.Id, story.Id, fox.AccountId);

        await using var teacherContext = await browser.NewContextAsync(_server.BaseUrl);
        var teacher = await teacherContext.NewPageAsync();
        await teacher.GotoAsync("/");
        await LoginAsTeacherAsync(teacher, email);
        await teacher.GotoAsync($"/#/twinspaces/{twinSpace.Id}");
        var teacherEditor = await OpenPageAsync(teacher, "Our story");

        await using var pupilContext = await browser.NewContextAsync(_server.BaseUrl, BrowserFixture.PhoneWidth);
        var pupil = await pupilContext.NewPageAsync();
        await pupil.GotoAsync("/");
        await SubmitPupilLoginAsync(pupil, twinSpace.Code, fox.Username, fox.Password);
        var pupilEditor = await OpenPageAsync(pupil, "Our story");

        await TypeAtEndAsync(teacherEditor, "Once upon a time in Graz.");
        await Expect(pupilEditor).ToContainTextAsync("Once upon a time in Graz.");
        await TypeAtEndAsync(pupilEditor, " A fox came to Lisbon.");
        await Expect(teacherEditor).ToContainTextAsync("Once upon a time in Graz. A fox came to Lisbon.");
        await Expect(pupilEditor).ToContainTextAsync("Once upon a time in Graz. A fox came to Lisbon.");

        await Expect(teacher.GetByTestId("remote-cursor")).ToContainTextAsync("Fox");
        await TypeAtEndAsync(teacherEditor, " The end.");
        await Expect(pupil.GetByTestId("remote-cursor")).ToContainTextAsync("Teacher (Austria)");
        await Expect(pupilEditor).ToContainTextAsync("A fox came to Lisbon. The end.");
        await browser.ScreenshotAsync(teacher, "pages-1-teacher");
        await browser.ScreenshotAsync(pupil, "pages-2-pupil");

        // What the browsers show is what the server stored.
        var stored = await Pages.PageEditor.JoinAsync(setup, twinSpace.Id, story.Id);
        Assert.Contains("Once upon a time in Graz. A fox came to Lisbon. The end.", stored.Xml, StringComparison.Ordinal);
    }

    private static async Task<ILocator> OpenPageAsync(IPage page, string title)
    {
        await OpenPageFromMenuAsync(page, title);
        await Expect(page.GetByTestId("editor-status")).ToHaveTextAsync("Everyone on this page sees your changes as you type.");
        return page.GetByTestId("page-editor").Locator(".ProseMirror");
    }

    private static async Task TypeAtEndAsync(ILocator editor, string text)
    {
        await editor.ClickAsync();
        await editor.PressAsync("Control+End");
        await editor.PressSequentiallyAsync(text, new() { Delay = 20 });
    }
}
