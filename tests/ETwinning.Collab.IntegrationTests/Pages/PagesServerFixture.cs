using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Pages;

/// <summary>One server for the page tests, with small thresholds so compaction, unloading and automatic versions
/// happen within a test.</summary>
public sealed class PagesServerFixture : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Pages:CompactAfterUpdates"] = "10",
        ["Pages:IdleUnloadSeconds"] = "1",
        ["Pages:HousekeepingPeriodSeconds"] = "1",
        ["Pages:AutoVersionQuietSeconds"] = "1",
        ["Pages:AwarenessUpdatesPerSecond"] = "5",
        ["Pages:MaxUpdateBytes"] = "16384",
    };

    public CollabServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CollabServer.StartAsync(Settings);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
