using System.Text.RegularExpressions;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The set-up of the browser flows whose media goes through a real Janus: a Janus and a server using it for each test,
/// a room session through it with pupils let in, and how long to wait until a video element has decoded pictures.
/// </summary>
public abstract partial class JanusFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    // Pictures take longer than a click on a small, busy machine (several pages encoding and decoding at once).
    protected static readonly LocatorAssertionsToHaveAttributeOptions FramesWait = new() { Timeout = 90_000 };
    private JanusServer? _janus;

    /// <summary>The test's Janus (its admin API shows what the server set up there).</summary>
    protected JanusServer Janus => _janus ?? throw new InvalidOperationException("Janus starts with the server.");

    protected override async Task<CollabServer> StartServerAsync()
    {
        _janus = await JanusServer.StartAsync();
        return await CollabServer.StartAsync(_janus.Settings());
    }

    protected override async Task AfterServerStoppedAsync()
    {
        if (_janus is not null) await _janus.DisposeAsync();
    }

    /// <summary>
    /// The founder starts the session of a room seating more than four (so it goes through Janus) in one browser, and
    /// each pupil joins in their own and is let in from the lobby. The pages, the teacher's first; each context lands in
    /// <paramref name="contexts"/> for the caller to dispose.
    /// </summary>
    protected async Task<List<IPage>> StartSfuSessionAsync(
        List<IBrowserContext> contexts, SignedInTeacher founder, TwinSpaceView twinSpace, IReadOnlyList<PupilCredentials> pupils)
    {
        var teacherContext = await Browser.NewContextAsync(Server.BaseUrl);
        contexts.Add(teacherContext);
        var teacher = await OpenAsTeacherAsync(teacherContext, $"/#/twinspaces/{twinSpace.Id}/rooms", founder.Email);
        await teacher.GetByTestId("room-open").ClickAsync();
        await Expect(teacher.GetByTestId("room-heading")).ToHaveTextAsync("Astronomy club");
        await teacher.GetByTestId("session-start").ClickAsync();
        await Expect(teacher.GetByTestId("video-grid")).ToHaveAttributeAsync("data-media-mode", "sfu");

        var pages = new List<IPage> { teacher };
        foreach (var pupil in pupils)
        {
            var context = await Browser.NewContextAsync(Server.BaseUrl);
            contexts.Add(context);
            var page = await OpenAsPupilAsync(context, twinSpace.Code, pupil.Username, pupil.Password);
            await OpenViewAsync(page, "rooms");
            await page.GetByTestId("room-open").ClickAsync();
            await page.GetByTestId("session-join").ClickAsync();
            await Expect(page.GetByTestId("session-status")).ToHaveTextAsync("Please wait: a teacher will let you in soon.");
            await teacher.GetByTestId("lobby-admit").ClickAsync();
            await Expect(page.GetByTestId("video-grid")).ToHaveAttributeAsync("data-media-mode", "sfu");
            pages.Add(page);
        }
        return pages;
    }

    /// <summary>Every page has a tile for each other page, and each tile has decoded pictures.</summary>
    protected static async Task ExpectEveryoneSeesTheOthersAsync(List<IPage> pages)
    {
        foreach (var page in pages)
        {
            var remote = page.GetByTestId("remote-video");
            await Expect(remote).ToHaveCountAsync(pages.Count - 1);
            for (var i = 0; i < pages.Count - 1; i++)
                await Expect(remote.Nth(i)).ToHaveAttributeAsync("data-frames-decoded", FramesDecoded(), FramesWait);
        }
    }

    /// <summary>The value of <c>data-frames-decoded</c> once a picture arrived (from <c>getStats()</c>).</summary>
    [GeneratedRegex("^[1-9][0-9]*$")]
    protected static partial Regex FramesDecoded();
}
