using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The forum in real Chromium: a pupil (on a phone-sized screen) previews and sends a reply, the teacher who is
/// reading the thread sees it appear live and hides it with a reason, and the pupil sees it hidden.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ForumFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string TeacherPassword = "correct-horse-battery";
    private const int PhoneWidth = 360;

    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_pupil_replies_and_the_teacher_sees_it_live_and_hides_it()
    {
        var email = $"teacher.{Guid.NewGuid():N}@school.test";
        await _server.Api.RegisterTeacherAsync(new RegisterTeacherRequest(email, TeacherPassword, "Teacher (Austria)", "AT"));
        var teacherTokens = await _server.Api.LoginAsync(new LoginRequest(email, TeacherPassword));
        await using var teacherHub = await _server.ConnectAsync(teacherTokens);
        var twinSpace = await teacherHub.CreateTwinSpaceAsync("Water in our towns", "");
        var discussion = await teacherHub.CreateForumDiscussionAsync(twinSpace.Id, "Bottled or tap?", "Debate, then vote with likes.");
        await teacherHub.CreateForumThreadAsync(twinSpace.Id, discussion.Id, "Which water do you drink?", "Tell us **why**.");
        var credentials = (await teacherHub.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();

        await using var teacherContext = await browser.NewContextAsync(_server.BaseUrl);
        var teacher = await teacherContext.NewPageAsync();
        var dialogs = new List<string>();
        teacher.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        await teacher.GotoAsync("/");
        await teacher.GetByTestId("teacher-email").FillAsync(email);
        await teacher.GetByTestId("teacher-password").FillAsync(TeacherPassword);
        await teacher.GetByTestId("teacher-login-submit").ClickAsync();
        await Expect(teacher.GetByTestId("connection-status")).ToHaveTextAsync("Connected");
        await teacher.GotoAsync($"/#/twinspaces/{twinSpace.Id}/forum");
        await OpenThreadAsync(teacher);
        await Expect(teacher.GetByTestId("post-row")).ToHaveCountAsync(1);

        await using var pupilContext = await browser.NewContextAsync(_server.BaseUrl, PhoneWidth);
        var pupil = await pupilContext.NewPageAsync();
        pupil.Dialog += (_, dialog) => dialogs.Add(dialog.Message);
        await pupil.GotoAsync("/");
        await pupil.GetByTestId("login-tab-pupil").ClickAsync();
        await pupil.GetByTestId("pupil-code").FillAsync(twinSpace.Code);
        await pupil.GetByTestId("pupil-username").FillAsync(credentials.Username);
        await pupil.GetByTestId("pupil-password").FillAsync(credentials.Password);
        await pupil.GetByTestId("pupil-login-submit").ClickAsync();
        await CollabPages.OpenViewAsync(pupil, "forum");
        await OpenThreadAsync(pupil);
        // Pupils reply but cannot start threads: the form is not offered.
        await Expect(pupil.GetByTestId("new-thread-title")).ToHaveCountAsync(0);
        // The teacher starts writing a hide reason on the opening post; a live reply must not close the menu.
        var opening = teacher.GetByTestId("post-row").First;
        await opening.GetByTestId("hide-menu").Locator("summary").ClickAsync();
        await opening.GetByTestId("hide-reason").FillAsync("half-written");

        await pupil.GetByTestId("reply-input").FillAsync("I drink **tap water**. <img src=x onerror=alert(1)> [site](javascript:alert(2))");
        await pupil.GetByTestId("reply-preview-button").ClickAsync();
        await Expect(pupil.GetByTestId("reply-preview").Locator("strong")).ToHaveTextAsync("tap water");
        await browser.ScreenshotAsync(pupil, "forum-1-pupil-preview");
        await pupil.GetByTestId("reply-submit").ClickAsync();
        await Expect(pupil.GetByTestId("post-row")).ToHaveCountAsync(2);

        // The teacher did nothing: the reply arrives live.
        var reply = teacher.GetByTestId("post-row").Filter(new() { HasText = "tap water" });
        await Expect(reply).ToHaveCountAsync(1);
        await Expect(reply.GetByTestId("post-author")).ToHaveTextAsync("Fox");
        await Expect(reply.GetByTestId("post-body").Locator("strong")).ToHaveTextAsync("tap water");
        await Expect(reply.GetByTestId("post-body")).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await Expect(reply.Locator("img, script, [onerror]")).ToHaveCountAsync(0);
        // The javascript: link keeps its text and loses its target (an <a> without href is not even a link for the browser).
        await Expect(reply.GetByTestId("post-body").Locator("a")).ToHaveTextAsync("site");
        Assert.Null(await reply.GetByTestId("post-body").Locator("a").GetAttributeAsync("href"));
        await browser.ScreenshotAsync(teacher, "forum-2-teacher-sees-reply");
        await Expect(opening.GetByTestId("hide-reason")).ToHaveValueAsync("half-written");

        await reply.GetByTestId("hide-menu").Locator("summary").ClickAsync();
        await reply.GetByTestId("hide-reason").FillAsync("Please keep links out of the debate");
        await reply.GetByTestId("hide-submit").ClickAsync();
        await Expect(reply).ToHaveAttributeAsync("data-state", "hidden");

        var hiddenForPupil = pupil.GetByTestId("post-row").Nth(1);
        await Expect(hiddenForPupil).ToHaveAttributeAsync("data-state", "hidden");
        await Expect(hiddenForPupil.GetByTestId("post-placeholder")).ToContainTextAsync("hidden by a moderator");
        await Expect(hiddenForPupil.GetByTestId("post-placeholder")).ToContainTextAsync("Please keep links out of the debate");
        await Expect(hiddenForPupil.GetByTestId("post-body")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(pupil, "forum-3-pupil-sees-hidden");
        Assert.Empty(dialogs);
        var audit = await teacherHub.GetAuditLogAsync(twinSpace.Id);
        Assert.Contains(audit, e => e.Action == "forum.post_hidden");
    }

    private static async Task OpenThreadAsync(IPage page)
    {
        await page.GetByTestId("discussion-open").Filter(new() { HasText = "Bottled or tap?" }).ClickAsync();
        await page.GetByTestId("thread-open").Filter(new() { HasText = "Which water do you drink?" }).ClickAsync();
        await Expect(page.GetByTestId("thread-title")).ToHaveTextAsync("Which water do you drink?");
    }
}
