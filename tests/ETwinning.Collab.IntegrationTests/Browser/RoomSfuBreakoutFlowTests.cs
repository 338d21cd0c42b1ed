using System.Text.RegularExpressions;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// Breakout groups in a session through a real Janus, in real Chromium with generated cameras: when the teacher splits
/// the session, the server itself ends every subscription across groups on the media server (Janus's admin API counts
/// them), so what a pupil still sees of another group does not depend on their browser dropping it; calling everyone
/// back brings all pictures back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RoomSfuBreakoutFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    // Three pages each encoding one picture and decoding two on a small machine: pictures take longer than a click.
    private static readonly LocatorAssertionsToHaveAttributeOptions FramesWait = new() { Timeout = 90_000 };
    private JanusServer _janus = null!;
    private CollabServer _server = null!;

    public async Task InitializeAsync()
    {
        _janus = await JanusServer.StartAsync();
        _server = await CollabServer.StartAsync(_janus.Settings());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _janus.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Opening_breakout_groups_ends_the_subscriptions_across_groups_on_the_media_server()
    {
        var founderEmail = await RegisterTeacherAsync(_server);
        await using var founderHub = await _server.ConnectAsync(await _server.Api.LoginAsync(new(founderEmail, TeacherPassword)));
        var twinSpace = await founderHub.CreateTwinSpaceAsync("Night sky", "Stars from three schools.");
        var pupils = await founderHub.CreatePupilsAsync(twinSpace.Id, "Fox", "Owl");
        // More seats than mesh senders: the session goes through Janus.
        await founderHub.CreateRoomAsync(twinSpace.Id, "Astronomy club", "Stars and planets", capacity: 10, memberIds: [.. pupils.Select(p => p.AccountId)]);

        var contexts = new List<IBrowserContext>();
        try
        {
            var teacherContext = await browser.NewContextAsync(_server.BaseUrl);
            contexts.Add(teacherContext);
            var teacher = await teacherContext.NewPageAsync();
            await teacher.GotoAsync($"/#/twinspaces/{twinSpace.Id}/rooms");
            await LoginAsTeacherAsync(teacher, founderEmail);
            await teacher.GetByTestId("room-open").ClickAsync();
            await teacher.GetByTestId("session-start").ClickAsync();
            await Expect(teacher.GetByTestId("video-grid")).ToHaveAttributeAsync("data-media-mode", "sfu");
            var pages = new List<IPage> { teacher };
            foreach (var pupil in pupils)
            {
                var context = await browser.NewContextAsync(_server.BaseUrl);
                contexts.Add(context);
                var page = await context.NewPageAsync();
                await page.GotoAsync("/");
                await SubmitPupilLoginAsync(page, twinSpace.Code, pupil.Username, pupil.Password);
                await OpenViewAsync(page, "rooms");
                await page.GetByTestId("room-open").ClickAsync();
                await page.GetByTestId("session-join").ClickAsync();
                await teacher.GetByTestId("lobby-admit").ClickAsync();
                await Expect(page.GetByTestId("video-grid")).ToHaveAttributeAsync("data-media-mode", "sfu");
                pages.Add(page);
            }
            await ExpectEveryoneSeesTheOthersAsync(pages);
            // Each of the three receives the two others: six subscriptions.
            await Eventually.ResultAsync(async () => { Assert.Equal(6, await _janus.SubscriptionCountAsync()); return true; });

            await Choice(teacher, pupils[0].AccountId).SelectOptionAsync("1");
            await Choice(teacher, pupils[1].AccountId).SelectOptionAsync("2");
            await teacher.GetByTestId("breakout-open-chosen").ClickAsync();
            await Expect(pages[1].GetByTestId("breakout-where")).ToHaveTextAsync("You are in Group 1");

            // Fox, Owl and the teacher (in the main session) are apart: none of the six may go on, whatever the browsers do.
            await Eventually.ResultAsync(async () => { Assert.Equal(0, await _janus.SubscriptionCountAsync()); return true; });
            foreach (var page in pages) await Expect(page.GetByTestId("remote-video")).ToHaveCountAsync(0);

            await teacher.GetByTestId("breakout-close").ClickAsync();
            await ExpectEveryoneSeesTheOthersAsync(pages);
            await Eventually.ResultAsync(async () => { Assert.Equal(6, await _janus.SubscriptionCountAsync()); return true; });
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }

    private static async Task ExpectEveryoneSeesTheOthersAsync(List<IPage> pages)
    {
        foreach (var page in pages)
        {
            var remote = page.GetByTestId("remote-video");
            await Expect(remote).ToHaveCountAsync(pages.Count - 1);
            for (var i = 0; i < pages.Count - 1; i++)
                await Expect(remote.Nth(i)).ToHaveAttributeAsync("data-frames-decoded", FramesDecoded(), FramesWait);
        }
    }

    private static ILocator Choice(IPage teacher, string accountId) =>
        teacher.Locator($"[data-testid=breakout-choice][data-account-id='{accountId}']");

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex FramesDecoded();
}
