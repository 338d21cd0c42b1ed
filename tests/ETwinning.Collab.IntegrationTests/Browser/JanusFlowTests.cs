using System.Text.RegularExpressions;
using ETwinning.Collab.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The set-up of the browser flows whose media goes through a real Janus: a Janus and a server using it for each test,
/// and how long to wait until a video element has decoded pictures.
/// </summary>
public abstract partial class JanusFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    // Pictures take longer than a click on a small, busy machine (several pages encoding and decoding at once).
    protected static readonly LocatorAssertionsToHaveAttributeOptions FramesWait = new() { Timeout = 90_000 };
    private JanusServer _janus = null!;

    protected BrowserFixture Browser => browser;

    protected CollabServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _janus = await JanusServer.StartAsync();
        Server = await CollabServer.StartAsync(_janus.Settings());
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await _janus.DisposeAsync();
        browser.AssertNoConsoleErrors();
    }

    /// <summary>The value of <c>data-frames-decoded</c> once a picture arrived (from <c>getStats()</c>).</summary>
    [GeneratedRegex("^[1-9][0-9]*$")]
    protected static partial Regex FramesDecoded();
}
