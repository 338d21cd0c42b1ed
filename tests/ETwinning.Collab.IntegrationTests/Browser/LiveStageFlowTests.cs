using ETwinning.Collab.Client.Protocol;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A live event's stage through a real Janus, in real Chromium with a generated camera: the host starts the event and
/// presents; a pupil, let in because their teacher is there, sees the host's picture arrive (the stage's video element
/// has decoded frames, from <c>getStats()</c>) without sending anything.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveStageFlowTests(BrowserFixture browser) : JanusFlowTests(browser)
{
    [Fact]
    public async Task An_attendee_sees_the_presenting_host_through_Janus()
    {
        await using var founder = await SignedInTeacher.RegisterAsync(Server);
        var twinSpace = await founder.Hub.CreateTwinSpaceAsync("Night sky", "A talk about the stars.");
        var fox = (await founder.Hub.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();
        await founder.Hub.CreateLiveEventAsync(twinSpace.Id, new CreateLiveEventRequest(
            "Star talk", "The host shows the sky.", DateTime.UtcNow, 60, "Europe/Lisbon", 30, LiveEventAudience.Members));

        await using var hostContext = await Browser.NewContextAsync(Server.BaseUrl);
        var host = await OpenAsTeacherAsync(hostContext, $"/#/twinspaces/{twinSpace.Id}/events", founder.Email);
        await host.GetByTestId("live-event-open").ClickAsync();
        await host.GetByTestId("live-event-enter").ClickAsync();
        await host.GetByTestId("live-event-start").ClickAsync();
        await Expect(host.GetByTestId("live-stage")).ToBeVisibleAsync();
        await host.GetByTestId("live-stage-present").ClickAsync();
        await Expect(host.GetByTestId("live-stage-stop")).ToBeVisibleAsync();
        await Expect(host.GetByTestId("live-stage-preview")).ToHaveCountAsync(1);

        await using var pupilContext = await Browser.NewContextAsync(Server.BaseUrl);
        var pupil = await OpenAsPupilAsync(pupilContext, twinSpace.Code, fox.Username, fox.Password);
        await OpenViewAsync(pupil, "events");
        await pupil.GetByTestId("live-event-register").ClickAsync();
        await pupil.GetByTestId("live-event-open").ClickAsync();
        await pupil.GetByTestId("live-event-enter").ClickAsync();
        await Expect(pupil.GetByTestId("live-stage")).ToBeVisibleAsync();
        // Attendees watch: nothing to present.
        await Expect(pupil.GetByTestId("live-stage-present")).ToHaveCountAsync(0);

        var screen = pupil.GetByTestId("live-stage-video");
        await Expect(screen).ToHaveCountAsync(1, new() { Timeout = FramesWait.Timeout });
        await Expect(screen).ToHaveAttributeAsync("data-frames-decoded", FramesDecoded(), FramesWait);
        await pupil.WaitForFunctionAsync(
            "() => { const v = document.querySelector('[data-testid=live-stage-video]'); return v.videoWidth > 0 && v.srcObject.getVideoTracks().length === 1; }",
            null, new() { Timeout = FramesWait.Timeout });
        await Browser.AssertAccessibleAsync(pupil, "live event stage (pupil)");

        // The end of the event ends its media.
        await host.GetByTestId("live-event-end").ClickAsync();
        await Expect(pupil.GetByTestId("live-stage-video")).ToHaveCountAsync(0);
    }
}
