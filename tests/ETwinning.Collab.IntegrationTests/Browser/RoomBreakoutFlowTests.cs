using System.Text.RegularExpressions;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The teacher's controls of a live room session in real Chromium with generated cameras: breakout groups chosen by
/// hand (each pupil sees their own group and only its pictures, a message reaches every group, calling back brings
/// everyone together again), the session's end time, and screen sharing (teachers may, a pupil only once a teacher
/// allows it; the shared screen goes out in place of the camera and the others see the mark on the tile).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RoomBreakoutFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    [Fact]
    public async Task A_teacher_splits_two_pupils_into_groups_by_hand_messages_them_and_calls_them_back()
    {
        var (founderEmail, twinSpace, pupils) = await RoomWithPupilsAsync("Fox", "Owl");
        var (fox, owl) = (pupils[0], pupils[1]);
        var contexts = new List<IBrowserContext>();
        try
        {
            var teacher = await TeacherStartsSessionAsync(contexts, founderEmail, twinSpace.Id);
            var foxPage = await PupilIsLetInAsync(contexts, teacher, twinSpace.Code, fox);
            var owlPage = await PupilIsLetInAsync(contexts, teacher, twinSpace.Code, owl);
            foreach (var page in new[] { teacher, foxPage, owlPage })
                await Expect(page.GetByTestId("remote-video")).ToHaveCountAsync(2);
            await Expect(foxPage.GetByTestId("breakout-open-chosen")).ToHaveCountAsync(0);

            await Choice(teacher, fox).SelectOptionAsync("1");
            await Choice(teacher, owl).SelectOptionAsync("2");
            await teacher.GetByTestId("breakout-open-chosen").ClickAsync();

            await Expect(foxPage.GetByTestId("breakout-where")).ToHaveTextAsync("You are in Group 1");
            await Expect(owlPage.GetByTestId("breakout-where")).ToHaveTextAsync("You are in Group 2");
            await Expect(teacher.GetByTestId("breakout-where")).ToHaveTextAsync("You are in the main session");
            await Expect(teacher.GetByTestId("breakout-group")).ToHaveTextAsync([new Regex("^Group 1: Fox"), new Regex("^Group 2: Owl")]);
            // Each group is alone in its mesh: the pupils no longer see each other, nor the teacher in the main session.
            foreach (var page in new[] { teacher, foxPage, owlPage })
                await Expect(page.GetByTestId("remote-video")).ToHaveCountAsync(0);
            await Browser.AssertAccessibleAsync(teacher, "room breakouts (teacher)");
            await Browser.AssertAccessibleAsync(foxPage, "room breakouts (pupil)");

            await teacher.GetByTestId("breakout-message").FillAsync("Five minutes left");
            await teacher.GetByTestId("breakout-send").ClickAsync();
            await Expect(foxPage.GetByTestId("room-notice")).ToContainTextAsync("Five minutes left");
            await Expect(owlPage.GetByTestId("room-notice")).ToContainTextAsync("Five minutes left");

            await teacher.GetByTestId("breakout-close").ClickAsync();
            foreach (var page in new[] { teacher, foxPage, owlPage })
            {
                await Expect(page.GetByTestId("breakout-where")).ToHaveCountAsync(0);
                await Expect(page.GetByTestId("remote-video")).ToHaveCountAsync(2);
                for (var i = 0; i < 2; i++)
                    await Expect(page.GetByTestId("remote-video").Nth(i)).ToHaveAttributeAsync("data-frames-decoded", FramesDecoded());
            }
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_teacher_sets_the_end_time_shares_the_screen_and_lets_a_pupil_share()
    {
        var (founderEmail, twinSpace, pupils) = await RoomWithPupilsAsync("Fox");
        var contexts = new List<IBrowserContext>();
        try
        {
            var teacher = await TeacherStartsSessionAsync(contexts, founderEmail, twinSpace.Id);
            var pupil = await PupilIsLetInAsync(contexts, teacher, twinSpace.Code, pupils[0]);
            await Expect(pupil.GetByTestId("remote-video")).ToHaveAttributeAsync("data-frames-decoded", FramesDecoded());

            await Expect(pupil.GetByTestId("session-timer-controls")).ToBeEmptyAsync();
            await teacher.GetByTestId("session-timer-minutes").FillAsync("30");
            await teacher.GetByTestId("session-timer-set").ClickAsync();
            await Expect(pupil.GetByTestId("session-timer")).ToContainTextAsync("Ends at");
            await teacher.GetByTestId("session-timer-clear").ClickAsync();
            await Expect(pupil.GetByTestId("session-timer")).Not.ToContainTextAsync("Ends at");

            // Only teachers share by default.
            await Expect(pupil.GetByTestId("session-screen")).ToHaveCountAsync(0);
            await teacher.GetByTestId("session-screen").ClickAsync();
            await Expect(teacher.GetByTestId("session-screen")).ToHaveTextAsync("Stop sharing");
            await Expect(pupil.GetByTestId("tile-status")).ToContainTextAsync(["Sharing the screen"]);
            // The pupil's tile of the teacher now shows the screen (Chromium's generated one), not the camera; the
            // teacher's own preview shows it too, not mirrored.
            await Expect(teacher.GetByTestId("own-preview")).Not.ToHaveClassAsync("mirrored");
            var screen = await OwnVideoSizeAsync(teacher);
            await ExpectRemotePictureSizeAsync(pupil, screen);
            await Browser.AssertAccessibleAsync(teacher, "room screen sharing");
            await teacher.GetByTestId("session-screen").ClickAsync();
            await Expect(teacher.GetByTestId("session-screen")).ToHaveTextAsync("Share screen");
            await Expect(pupil.GetByTestId("tile-status")).Not.ToContainTextAsync(["Sharing the screen"]);
            await Expect(teacher.GetByTestId("own-preview")).ToHaveClassAsync("mirrored");
            var camera = await OwnVideoSizeAsync(teacher);
            Assert.NotEqual(screen, camera);
            // The pictures differ in shape too, so the shape checks above and below tell them apart.
            Assert.NotEqual(Math.Round((double)screen[0] / screen[1], 2), Math.Round((double)camera[0] / camera[1], 2));
            await ExpectRemotePictureSizeAsync(pupil, camera);

            // A teacher lets the pupil share, the pupil shares, and the teacher stops it again.
            await teacher.GetByTestId("moderator-menu").Locator("summary").ClickAsync();
            await teacher.GetByTestId("moderate-allowScreenShare").ClickAsync();
            await pupil.GetByTestId("session-screen").ClickAsync();
            await Expect(teacher.GetByTestId("tile-status")).ToContainTextAsync(["Sharing the screen"]);
            await teacher.GetByTestId("moderator-menu").Locator("summary").ClickAsync();
            await teacher.GetByTestId("moderate-disallowScreenShare").ClickAsync();
            await Expect(pupil.GetByTestId("room-notice")).ToHaveTextAsync("Your screen sharing was stopped.");
            await Expect(pupil.GetByTestId("session-screen")).ToHaveCountAsync(0);
            await Expect(teacher.GetByTestId("tile-status")).Not.ToContainTextAsync(["Sharing the screen"]);
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }

    private async Task<(string FounderEmail, TwinSpaceView TwinSpace, IReadOnlyList<PupilCredentials> Pupils)> RoomWithPupilsAsync(params string[] nicknames)
    {
        await using var founder = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await founder.Hub.CreateTwinSpaceAsync("Night sky", "Stars from three schools.");
        var pupils = await founder.Hub.CreatePupilsAsync(twinSpace.Id, nicknames);
        await founder.Hub.CreateRoomAsync(twinSpace.Id, "Astronomy club", "Stars and planets", memberIds: [.. pupils.Select(p => p.AccountId)]);
        return (founder.Email, twinSpace, pupils);
    }

    private async Task<IPage> TeacherStartsSessionAsync(List<IBrowserContext> contexts, string founderEmail, string twinSpaceId)
    {
        var context = await Browser.NewContextAsync(Server.BaseUrl);
        contexts.Add(context);
        var teacher = await OpenAsTeacherAsync(context, $"/#/twinspaces/{twinSpaceId}/rooms", founderEmail);
        await teacher.GetByTestId("room-open").ClickAsync();
        await Expect(teacher.GetByTestId("room-heading")).ToHaveTextAsync("Astronomy club");
        await teacher.GetByTestId("session-start").ClickAsync();
        await Expect(teacher.GetByTestId("own-preview")).ToBeVisibleAsync();
        return teacher;
    }

    private async Task<IPage> PupilIsLetInAsync(List<IBrowserContext> contexts, IPage teacher, string code, PupilCredentials pupil)
    {
        var context = await Browser.NewContextAsync(Server.BaseUrl);
        contexts.Add(context);
        var page = await OpenAsPupilAsync(context, code, pupil.Username, pupil.Password);
        await OpenViewAsync(page, "rooms");
        await page.GetByTestId("room-open").ClickAsync();
        await page.GetByTestId("session-join").ClickAsync();
        await Expect(page.GetByTestId("session-status")).ToHaveTextAsync("Please wait: a teacher will let you in soon.");
        await teacher.GetByTestId("lobby-admit").ClickAsync();
        await Expect(page.GetByTestId("own-preview")).ToBeVisibleAsync();
        return page;
    }

    // The width and height of what the page sends: its own preview's video track (the camera, or the shared screen).
    private static Task<int[]> OwnVideoSizeAsync(IPage page) => page.EvaluateAsync<int[]>(
        "() => { const s = document.querySelector('[data-testid=own-preview]').srcObject.getVideoTracks()[0].getSettings(); return [s.width, s.height]; }");

    // The shape of the picture, not its exact size: a busy sender may scale a picture down (never up) and keeps its shape.
    private static async Task ExpectRemotePictureSizeAsync(IPage page, int[] size) => await page.WaitForFunctionAsync(
        $"([w, h]) => {{ const v = document.querySelector('[data-testid=remote-video]'); return {SameShape}; }}", size);

    private static ILocator Choice(IPage teacher, PupilCredentials pupil) =>
        teacher.Locator($"[data-testid=breakout-choice][data-account-id='{pupil.AccountId}']");

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex FramesDecoded();
}
