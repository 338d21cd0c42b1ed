using ETwinning.Collab.IntegrationTests.Infrastructure;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The end of a project: the founder archives (a pupil who is online sees the read-only banner at once), then
/// closes it (the pupil is sent back to the login page with a notice and can no longer log in).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ArchiveFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    [Fact]
    public async Task Pupil_sees_the_TwinSpace_become_read_only_and_then_close()
    {
        await using var signedIn = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await signedIn.Hub.CreateTwinSpaceAsync("Our school gardens", "Seeds, soil and weather.");
        var fox = (await signedIn.Hub.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();

        await using var pupilContext = await Browser.NewContextAsync(Server.BaseUrl, BrowserFixture.PhoneWidth);
        var pupil = await OpenAsPupilAsync(pupilContext, twinSpace.Code, fox.Username, fox.Password);
        await Expect(pupil.GetByTestId("twinspace-title")).ToHaveTextAsync("Our school gardens");
        await Expect(pupil.GetByTestId("readonly-banner")).ToHaveCountAsync(0);

        await using var founderContext = await Browser.NewContextAsync(Server.BaseUrl);
        var founder = await founderContext.NewPageAsync();
        founder.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await founder.GotoAsync($"/#/twinspaces/{twinSpace.Id}/settings");
        await LoginAsTeacherAsync(founder, signedIn.Email);
        await Expect(founder.GetByTestId("nav-twinspace-title")).ToHaveTextAsync("Our school gardens");

        await founder.GetByTestId("archive-twinspace").ClickAsync();
        await Expect(founder.GetByTestId("readonly-banner")).ToBeVisibleAsync();
        await Expect(founder.GetByTestId("create-pupils-input")).ToHaveCountAsync(0);
        await Expect(pupil.GetByTestId("readonly-banner")).ToBeVisibleAsync();
        await Expect(pupil.GetByTestId("twinspace-state")).ToHaveTextAsync("Archived (read-only)");
        await Browser.ScreenshotAsync(pupil, "archive-1-pupil-read-only");

        await founder.GetByTestId("close-twinspace").ClickAsync();
        await Expect(founder.GetByTestId("page-notice")).ToContainTextAsync("closed");
        await Expect(founder.GetByTestId("twinspace-list-message")).ToHaveTextAsync("You are not in any TwinSpace yet.");
        await Expect(pupil.GetByTestId("login-notice")).ToContainTextAsync("closed");
        await Browser.ScreenshotAsync(pupil, "archive-2-pupil-after-close");

        await SubmitPupilLoginAsync(pupil, twinSpace.Code, fox.Username, fox.Password);
        await Expect(pupil.GetByTestId("login-error")).ToBeVisibleAsync();
    }
}
