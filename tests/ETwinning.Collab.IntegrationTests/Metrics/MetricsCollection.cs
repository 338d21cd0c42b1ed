namespace ETwinning.Collab.IntegrationTests.Metrics;

/// <summary>
/// The server's meter is one per process (as in production, one server per process), so every in-process test server
/// adds to the counters a scrape shows: another test's connections closing made the connections gauge of a scrape go
/// negative. These tests run alone, after the parallel ones, so a scrape counts only their own server.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Metrics (alone)";
}
