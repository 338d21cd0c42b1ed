using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Browser;

/// <summary>
/// The set-up every browser flow shares: a server of its own for each test, stopped afterwards, and no console error
/// in any page the test opened.
/// </summary>
public abstract class CollabFlowTests(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser => browser;

    protected CollabServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await StartServerAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await AfterServerStoppedAsync();
        browser.AssertNoConsoleErrors();
    }

    /// <summary>The server of the test (a flow that needs more, a media server for one, starts it here first).</summary>
    protected virtual Task<CollabServer> StartServerAsync() => CollabServer.StartAsync();

    /// <summary>Stops what <see cref="StartServerAsync"/> started besides the server.</summary>
    protected virtual Task AfterServerStoppedAsync() => Task.CompletedTask;
}
