using System.Text.RegularExpressions;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The set-up of the browser flows whose media goes through a real Janus: a Janus and a server using it for each test,
/// and how long to wait until a video element has decoded pictures.
/// </summary>
public abstract partial class JanusFlowTests(BrowserFixture browser) : CollabFlowTests(browser)
{
    // Pictures take longer than a click on a small, busy machine (several pages encoding and decoding at once).
    protected static readonly LocatorAssertionsToHaveAttributeOptions FramesWait = new() { Timeout = 90_000 };
    private JanusServer? _janus;

    protected override async Task<CollabServer> StartServerAsync()
    {
        _janus = await JanusServer.StartAsync();
        return await CollabServer.StartAsync(_janus.Settings());
    }

    protected override async Task AfterServerStoppedAsync()
    {
        if (_janus is not null) await _janus.DisposeAsync();
    }

    /// <summary>The value of <c>data-frames-decoded</c> once a picture arrived (from <c>getStats()</c>).</summary>
    [GeneratedRegex("^[1-9][0-9]*$")]
    protected static partial Regex FramesDecoded();
}
