using System.Net;
using System.Text.RegularExpressions;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The first day of a project, in real Chromium against a fresh server: a teacher logs in, creates a TwinSpace
/// and pupil logins; a pupil logs in with them on a phone-sized screen and the teacher sees the pupil come online.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PupilLoginFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string TeacherPassword = "correct-horse-battery";
    private const string TwinSpaceTitle = "Water in our towns";
    private const int PhoneWidth = 360;

    private CollabServer _server = null!;

    public async Task InitializeAsync() => _server = await CollabServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Teacher_creates_pupils_and_sees_a_pupil_who_logs_in_come_online()
    {
        using (var ready = await _server.Http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var email = await RegisterTeacherAsync();

        await using var teacherContext = await browser.NewContextAsync(_server.BaseUrl);
        var teacher = await teacherContext.NewPageAsync();
        await teacher.GotoAsync("/");
        await teacher.GetByTestId("teacher-email").FillAsync(email);
        await teacher.GetByTestId("teacher-password").FillAsync(TeacherPassword);
        await teacher.GetByTestId("teacher-login-submit").ClickAsync();
        await Expect(teacher.GetByTestId("connection-status")).ToHaveTextAsync("Connected");

        await teacher.GetByTestId("create-twinspace-title").FillAsync(TwinSpaceTitle);
        await teacher.GetByTestId("create-twinspace-description").FillAsync("Two schools compare where their water comes from.");
        await teacher.GetByTestId("create-twinspace-submit").ClickAsync();
        await Expect(teacher.GetByTestId("twinspace-title")).ToHaveTextAsync(TwinSpaceTitle);
        var code = await teacher.GetByTestId("twinspace-code").InnerTextAsync();

        await teacher.GetByTestId("create-pupils-input").FillAsync("Fox\nOwl");
        await teacher.GetByTestId("create-pupils-submit").ClickAsync();
        var credentialRows = teacher.GetByTestId("credentials-row");
        await Expect(credentialRows).ToHaveCountAsync(2);
        await Expect(credentialRows.GetByTestId("credential-nickname")).ToHaveTextAsync(["Fox", "Owl"]);
        var fox = credentialRows.Filter(new() { HasText = "Fox" });
        var username = await fox.GetByTestId("credential-username").InnerTextAsync();
        var password = await fox.GetByTestId("credential-password").InnerTextAsync();

        // The teacher's live member list: founder online, the new pupils listed but not yet online.
        var foxForTeacher = teacher.GetByTestId("member-row").Filter(new() { HasText = "Fox" });
        await Expect(teacher.GetByTestId("member-row")).ToHaveCountAsync(3);
        await Expect(foxForTeacher).ToHaveAttributeAsync("data-online", "false");
        await browser.ScreenshotAsync(teacher, "1-teacher-credentials");

        await using var pupilContext = await browser.NewContextAsync(_server.BaseUrl, PhoneWidth);
        var pupil = await pupilContext.NewPageAsync();
        await pupil.GotoAsync("/");
        await pupil.GetByTestId("login-tab-pupil").ClickAsync();
        await pupil.GetByTestId("pupil-code").FillAsync(code);
        await pupil.GetByTestId("pupil-username").FillAsync(username);
        await pupil.GetByTestId("pupil-password").FillAsync(password);
        await pupil.GetByTestId("pupil-login-submit").ClickAsync();

        await Expect(pupil.GetByTestId("twinspace-title")).ToHaveTextAsync(TwinSpaceTitle);
        await Expect(pupil.GetByTestId("connection-status")).ToHaveTextAsync("Connected");
        await Expect(pupil.GetByTestId("my-role")).ToHaveTextAsync("You are: Pupil");
        await Expect(pupil.GetByTestId("member-row").GetByTestId("member-name"))
            .ToHaveTextAsync([new Regex("^Teacher"), new Regex("^Fox"), new Regex("^Owl")]);
        await Expect(pupil.GetByTestId("member-row").Filter(new() { HasText = "Fox" })).ToHaveAttributeAsync("data-online", "true");
        // Pupils get no teacher tools (the server would refuse them anyway).
        await Expect(pupil.GetByTestId("create-pupils-input")).ToHaveCountAsync(0);
        await Expect(pupil.GetByTestId("create-invitation")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(pupil, "2-pupil-home");

        await Expect(foxForTeacher).ToHaveAttributeAsync("data-online", "true");
        await Expect(foxForTeacher.GetByTestId("member-presence")).ToHaveTextAsync("online");
        await browser.ScreenshotAsync(teacher, "3-teacher-sees-pupil-online");

        // Presence also goes away: the pupil logs out and the teacher sees it.
        await pupil.GetByTestId("logout").ClickAsync();
        await Expect(pupil.GetByTestId("login-tab-pupil")).ToBeVisibleAsync();
        await Expect(foxForTeacher).ToHaveAttributeAsync("data-online", "false");
    }

    [Fact]
    public async Task Pupil_with_a_wrong_password_sees_the_servers_message_and_stays_logged_out()
    {
        var email = await RegisterTeacherAsync();
        var teacherTokens = await _server.Api.LoginAsync(new LoginRequest(email, TeacherPassword));
        await using var teacherHub = await _server.ConnectAsync(teacherTokens);
        var twinSpace = await teacherHub.CreateTwinSpaceAsync(TwinSpaceTitle, "");
        var credentials = (await teacherHub.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();

        await using var pupilContext = await browser.NewContextAsync(_server.BaseUrl, PhoneWidth);
        var pupil = await pupilContext.NewPageAsync();
        await pupil.GotoAsync("/");
        await pupil.GetByTestId("login-tab-pupil").ClickAsync();
        await pupil.GetByTestId("pupil-code").FillAsync(twinSpace.Code);
        await pupil.GetByTestId("pupil-username").FillAsync(credentials.Username);
        await pupil.GetByTestId("pupil-password").FillAsync(credentials.Password + "-wrong");
        await pupil.GetByTestId("pupil-login-submit").ClickAsync();

        var error = pupil.GetByTestId("login-error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).Not.ToBeEmptyAsync();
        await Expect(pupil.GetByTestId("connection-status")).ToHaveTextAsync("Disconnected");
        Assert.Null(await pupil.EvaluateAsync<string?>("() => sessionStorage.getItem('etwinning-collab.session')"));
        await browser.ScreenshotAsync(pupil, "4-pupil-wrong-password");
    }

    private async Task<string> RegisterTeacherAsync()
    {
        var email = $"teacher.{Guid.NewGuid():N}@school.test";
        await _server.Api.RegisterTeacherAsync(new RegisterTeacherRequest(email, TeacherPassword, "Teacher (Austria)", "AT"));
        return email;
    }
}
