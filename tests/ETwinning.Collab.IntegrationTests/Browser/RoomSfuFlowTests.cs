using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A live session of five through a real Janus, in real Chromium with generated cameras: a teacher starts the session
/// of a room seating more than four, four pupils wait in the lobby and are let in, and every one of the five sees the
/// four others' pictures arrive (each remote tile's video element has decoded frames, from <c>getStats()</c>) over
/// one publishing and four receiving connections to Janus; the teacher then shares the screen and a pupil receives it
/// in place of the teacher's camera.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoomSfuFlowTests(BrowserFixture browser) : JanusFlowTests(browser)
{
    private static readonly string[] Nicknames = ["Fox", "Owl", "Lynx", "Hare"];

    [Fact]
    public async Task Five_participants_see_each_others_video_through_Janus()
    {
        await using var founder = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await founder.Hub.CreateTwinSpaceAsync("Night sky", "Stars from five schools.");
        var pupils = await founder.Hub.CreatePupilsAsync(twinSpace.Id, Nicknames);
        await founder.Hub.CreateRoomAsync(twinSpace.Id, "Astronomy club", "Stars and planets", capacity: 10, memberIds: [.. pupils.Select(p => p.AccountId)]);

        var contexts = new List<IBrowserContext>();
        try
        {
            var pages = await StartSfuSessionAsync(contexts, founder, twinSpace, pupils);
            var teacher = pages[0];
            await ExpectEveryoneSeesTheOthersAsync(pages);
            foreach (var page in pages)
            {
                // The picture is in the tile's element, not only decoded somewhere.
                await page.WaitForFunctionAsync(
                    "() => [...document.querySelectorAll('[data-testid=remote-video]')].every(v => v.videoWidth > 0 && v.srcObject.getVideoTracks().length === 1)",
                    null, new() { Timeout = FramesWait.Timeout });
            }
            await Browser.ScreenshotAsync(teacher, "room-2-teacher-sfu-session");

            // The teacher shares the screen: the publisher sends it in place of the camera, and a pupil's tile of the
            // teacher receives the screen's picture (Chromium's generated screen) through Janus.
            await teacher.GetByTestId("session-screen").ClickAsync();
            await Expect(teacher.GetByTestId("session-screen")).ToHaveTextAsync("Stop sharing");
            var screen = await teacher.EvaluateAsync<int[]>(
                "() => { const s = document.querySelector('[data-testid=own-preview]').srcObject.getVideoTracks()[0].getSettings(); return [s.width, s.height]; }");
            await pages[1].WaitForFunctionAsync(
                $"([w, h]) => [...document.querySelectorAll('[data-testid=remote-video]')].some(v => {SameShape})",
                screen, new() { Timeout = FramesWait.Timeout });
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }
}
