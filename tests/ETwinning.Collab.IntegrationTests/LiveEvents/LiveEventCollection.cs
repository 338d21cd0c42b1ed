namespace ETwinning.Collab.IntegrationTests.LiveEvents;

/// <summary>The live event test classes share one two-node cluster (each test makes its own TwinSpace and event).</summary>
[CollectionDefinition(Name)]
public sealed class LiveEventCollection : ICollectionFixture<LiveEventCluster>
{
    public const string Name = "Live events";
}
