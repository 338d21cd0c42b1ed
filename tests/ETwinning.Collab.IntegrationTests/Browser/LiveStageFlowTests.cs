using System.Text.RegularExpressions;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using static ETwinning.Collab.IntegrationTests.Browser.CollabPages;
using static Microsoft.Playwright.Assertions;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// A live event's stage through a real Janus, in real Chromium with a generated camera: the host starts the event and
/// presents; a pupil, let in because their teacher is there, sees the host's picture arrive (the stage's video element
/// has decoded frames, from <c>getStats()</c>) without sending anything.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LiveStageFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    // Pictures take longer than a click on a small, busy machine.
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveAttributeOptions FramesWait = new() { Timeout = 90_000 };
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
    public async Task An_attendee_sees_the_presenting_host_through_Janus()
    {
        var email = await RegisterTeacherAsync(_server);
        var tokens = await _server.Api.LoginAsync(new LoginRequest(email, TeacherPassword));
        await using var founder = await _server.ConnectAsync(tokens);
        var twinSpace = await founder.CreateTwinSpaceAsync("Night sky", "A talk about the stars.");
        var fox = (await founder.CreatePupilsAsync(twinSpace.Id, "Fox")).Single();
        await founder.CreateLiveEventAsync(twinSpace.Id, new CreateLiveEventRequest(
            "Star talk", "The host shows the sky.", DateTime.UtcNow, 60, "Europe/Lisbon", 30, LiveEventAudience.Members));

        await using var hostContext = await browser.NewContextAsync(_server.BaseUrl);
        var host = await hostContext.NewPageAsync();
        await host.GotoAsync($"/#/twinspaces/{twinSpace.Id}/events");
        await LoginAsTeacherAsync(host, email);
        await host.GetByTestId("live-event-open").ClickAsync();
        await host.GetByTestId("live-event-enter").ClickAsync();
        await host.GetByTestId("live-event-start").ClickAsync();
        await Expect(host.GetByTestId("live-stage")).ToBeVisibleAsync();
        await host.GetByTestId("live-stage-present").ClickAsync();
        await Expect(host.GetByTestId("live-stage-stop")).ToBeVisibleAsync();
        await Expect(host.GetByTestId("live-stage-preview")).ToHaveCountAsync(1);

        await using var pupilContext = await browser.NewContextAsync(_server.BaseUrl);
        var pupil = await pupilContext.NewPageAsync();
        await pupil.GotoAsync("/");
        await SubmitPupilLoginAsync(pupil, twinSpace.Code, fox.Username, fox.Password);
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
        await browser.AssertAccessibleAsync(pupil, "live event stage (pupil)");

        // The end of the event ends its media.
        await host.GetByTestId("live-event-end").ClickAsync();
        await Expect(pupil.GetByTestId("live-stage-video")).ToHaveCountAsync(0);
    }

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex FramesDecoded();
}
