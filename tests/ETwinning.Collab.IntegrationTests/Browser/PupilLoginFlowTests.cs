using System.Net;
using System.Text.RegularExpressions;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The first day of a project, in real Chromium against a fresh server: a teacher logs in, creates a TwinSpace
/// and pupil logins; a pupil logs in with them on a phone-sized screen and the teacher sees the pupil come online.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PupilLoginFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string TwinSpaceTitle = "Water in our towns";

    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Teacher_creates_pupils_and_sees_a_pupil_who_logs_in_come_online()
    {
        using (var ready = await _server.Http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // The client's own files, not the SPA fallback page: otherwise every later step fails with a bare timeout.
        foreach (var (path, contentType) in new[] { ("/app.js", "text/javascript"), ("/app.css", "text/css") })
        {
            using var file = await _server.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(contentType, file.Content.Headers.ContentType?.MediaType);
        }
        var email = await RegisterTeacherAsync(_server);

        await using var teacherContext = await browser.NewContextAsync(_server.BaseUrl);
        var teacher = await teacherContext.NewPageAsync();
        await teacher.GotoAsync("/");
        await LoginAsTeacherAsync(teacher, email);

        await teacher.GetByTestId("create-twinspace-title").FillAsync(TwinSpaceTitle);
        await teacher.GetByTestId("create-twinspace-description").FillAsync("Two schools compare where their water comes from.");
        await teacher.GetByTestId("create-twinspace-submit").ClickAsync();
        await Expect(teacher.GetByTestId("twinspace-title")).ToHaveTextAsync(TwinSpaceTitle);
        var code = await teacher.GetByTestId("twinspace-code").InnerTextAsync();
        await OpenViewAsync(teacher, "members");

        await teacher.GetByTestId("create-pupils-input").FillAsync("Fox\nOwl");
        await teacher.GetByTestId("create-pupils-submit").ClickAsync();
        var credentialRows = teacher.GetByTestId("credentials-row");
        await Expect(credentialRows).ToHaveCountAsync(2);
        await Expect(credentialRows.GetByTestId("credential-nickname")).ToHaveTextAsync(["Fox", "Owl"]);
        // By the nickname cell, exactly: generated passwords are made of words, so another pupil's row can contain
        // "fox" too (a row-wide text filter then matched both rows now and then).
        var fox = credentialRows.Filter(new() { Has = teacher.GetByTestId("credential-nickname").GetByText("Fox", new() { Exact = true }) });
        var username = await fox.GetByTestId("credential-username").InnerTextAsync();
        var password = await fox.GetByTestId("credential-password").InnerTextAsync();

        // The printable sheet: one card per pupil with everything needed to log in.
        var sheet = await teacher.RunAndWaitForPopupAsync(() => teacher.GetByTestId("print-credentials").ClickAsync());
        var cards = sheet.GetByTestId("credentials-card");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.First).ToContainTextAsync(code);
        await Expect(cards.First).ToContainTextAsync(username);
        await Expect(cards.First).ToContainTextAsync(password);
        await browser.ScreenshotAsync(sheet, "pupil-login-1-credentials-sheet");
        await sheet.CloseAsync();

        // The teacher's live member list: the founder online, the new pupils listed but not yet online.
        var foxForTeacher = MemberRow(teacher, "Fox");
        await Expect(teacher.GetByTestId("member-row")).ToHaveCountAsync(3);
        await Expect(foxForTeacher).ToHaveAttributeAsync("data-online", "false");
        await browser.ScreenshotAsync(teacher, "pupil-login-2-teacher-credentials");

        await using var pupilContext = await browser.NewContextAsync(_server.BaseUrl, BrowserFixture.PhoneWidth);
        var pupil = await pupilContext.NewPageAsync();
        await pupil.GotoAsync("/");
        await SubmitPupilLoginAsync(pupil, code, username, password);

        await Expect(pupil.GetByTestId("twinspace-title")).ToHaveTextAsync(TwinSpaceTitle);
        await Expect(pupil.GetByTestId("connection-status")).ToHaveTextAsync("Connected");
        await Expect(pupil.GetByTestId("my-role")).ToHaveTextAsync("You are: Pupil");
        await OpenViewAsync(pupil, "members");
        await Expect(pupil.GetByTestId("member-row").GetByTestId("member-name"))
            .ToHaveTextAsync([new Regex("^Teacher"), new Regex("^Fox"), new Regex("^Owl")]);
        await Expect(MemberRow(pupil, "Fox")).ToHaveAttributeAsync("data-online", "true");
        // Pupils get no teacher tools (the server would refuse them anyway).
        await Expect(pupil.GetByTestId("create-pupils-input")).ToHaveCountAsync(0);
        await Expect(pupil.GetByTestId("create-invitation")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(pupil, "pupil-login-3-pupil-home");

        await Expect(foxForTeacher).ToHaveAttributeAsync("data-online", "true");
        await Expect(foxForTeacher.GetByTestId("member-presence")).ToHaveTextAsync("online");
        await browser.ScreenshotAsync(teacher, "pupil-login-4-teacher-sees-pupil-online");

        // Presence also goes away: the pupil logs out and the teacher sees it.
        await pupil.GetByTestId("logout").ClickAsync();
        await Expect(pupil.GetByTestId("login-tab-pupil")).ToBeVisibleAsync();
        await Expect(foxForTeacher).ToHaveAttributeAsync("data-online", "false");
    }

    [Fact]
    public async Task Pupil_with_a_wrong_password_sees_the_servers_message_and_stays_logged_out()
    {
        var teacherTokens = await _server.NewTeacherAsync();
        await using var teacherHub = await _server.ConnectAsync(teacherTokens);
        var twinSpace = await teacherHub.CreateTwinSpaceAsync(TwinSpaceTitle, "");
        var credentials = (await teacherHub.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();

        await using var pupilContext = await browser.NewContextAsync(_server.BaseUrl, BrowserFixture.PhoneWidth);
        var pupil = await pupilContext.NewPageAsync();
        await pupil.GotoAsync("/");
        await SubmitPupilLoginAsync(pupil, twinSpace.Code, credentials.Username, credentials.Password + "-wrong");

        var error = pupil.GetByTestId("login-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).Not.ToBeEmptyAsync();
        await Expect(pupil.GetByTestId("connection-status")).ToHaveTextAsync("Disconnected");
        Assert.Null(await pupil.EvaluateAsync<string?>("() => sessionStorage.getItem('etwinning-collab.session')"));
        await browser.ScreenshotAsync(pupil, "pupil-login-5-wrong-password");

        // The right password still works afterwards (one failure is far from a lockout).
        await pupil.GetByTestId("pupil-password").FillAsync(credentials.Password);
        await pupil.GetByTestId("pupil-login-submit").ClickAsync();
        await Expect(pupil.GetByTestId("twinspace-title")).ToHaveTextAsync(TwinSpaceTitle);
    }
}
