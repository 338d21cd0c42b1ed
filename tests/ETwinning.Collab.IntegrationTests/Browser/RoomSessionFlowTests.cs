using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A live room session in real Chromium with generated camera and microphone: a teacher creates a room with a pupil
/// and starts a session, the pupil waits in the lobby until the teacher lets them in, and then each sees the other's
/// picture arrive (the tile's video element has decoded frames, from <c>getStats()</c>) over the WebRTC mesh.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoomSessionFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    [Fact]
    public async Task A_pupil_admitted_from_the_lobby_and_the_teacher_see_each_others_video()
    {
        await using var founder = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await founder.Hub.CreateTwinSpaceAsync("Night sky", "Stars from two schools.");
        var fox = (await founder.Hub.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();

        await using var teacherContext = await Browser.NewContextAsync(Server.BaseUrl);
        var teacher = await OpenAsTeacherAsync(teacherContext, $"/#/twinspaces/{twinSpace.Id}/rooms", founder.Email);
        await Expect(teacher.GetByTestId("rooms-panel")).ToBeVisibleAsync();
        await teacher.GetByTestId("room-title").FillAsync("Astronomy club");
        await teacher.GetByTestId("room-member-pick").CheckAsync();
        await teacher.GetByTestId("room-create").ClickAsync();
        await Expect(teacher.GetByTestId("room-heading")).ToHaveTextAsync("Astronomy club");
        await Expect(teacher.GetByTestId("room-member")).ToHaveCountAsync(2);
        await Browser.AssertAccessibleAsync(teacher, "room");
        await teacher.GetByTestId("session-start").ClickAsync();
        await Expect(teacher.GetByTestId("own-preview")).ToBeVisibleAsync();
        await Expect(teacher.GetByTestId("own-preview")).ToHaveClassAsync("mirrored");

        await using var pupilContext = await Browser.NewContextAsync(Server.BaseUrl);
        var pupil = await OpenAsPupilAsync(pupilContext, twinSpace.Code, fox.Username, fox.Password);
        await OpenViewAsync(pupil, "rooms");
        await pupil.GetByTestId("room-open").ClickAsync();
        await pupil.GetByTestId("session-join").ClickAsync();
        await Expect(pupil.GetByTestId("session-status")).ToHaveTextAsync("Please wait: a teacher will let you in soon.");
        await Expect(pupil.GetByTestId("remote-video")).ToHaveCountAsync(0);

        await teacher.GetByTestId("lobby-admit").ClickAsync();

        await ExpectFramesAsync(pupil);
        await ExpectFramesAsync(teacher);
        await Expect(pupil.GetByTestId("own-preview")).ToHaveClassAsync("mirrored");
        await Expect(teacher.GetByTestId("moderator-menu")).ToHaveCountAsync(1);
        await Expect(pupil.GetByTestId("moderator-menu")).ToHaveCountAsync(0);
        await pupil.GetByTestId("session-hand").ClickAsync();
        await Expect(teacher.GetByTestId("raised-hand")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Fox"));
        await Browser.AssertAccessibleAsync(teacher, "room session");
        await Browser.AssertAccessibleAsync(pupil, "room session (pupil)");
        await Browser.ScreenshotAsync(teacher, "room-1-teacher-session");

        // The teacher downloads the session's attendance; the pupil has no such button.
        await Expect(pupil.GetByTestId("session-attendance")).ToHaveCountAsync(0);
        var download = await teacher.RunAndWaitForDownloadAsync(() => teacher.GetByTestId("session-attendance").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("Fox", csv, StringComparison.Ordinal);
    }

    // The tile shows the other participant's video once frames are decoded; the view writes the count it reads from
    // getStats() (inbound-rtp framesDecoded) on the element.
    private static async Task ExpectFramesAsync(IPage page)
    {
        var remote = page.GetByTestId("remote-video");
        await Expect(remote).ToHaveCountAsync(1);
        await Expect(remote).ToHaveAttributeAsync("data-frames-decoded", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
    }
}
