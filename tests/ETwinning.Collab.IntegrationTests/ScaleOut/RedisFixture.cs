using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.ScaleOut;

/// <summary>Two nodes on one real Redis, sharing one store (as a shared database would): a small cluster.</summary>
public sealed class TwoNodeCluster : IAsyncLifetime
{
    public RedisServer Redis { get; private set; } = null!;
    public CollabServer NodeA { get; private set; } = null!;
    public CollabServer NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        NodeA = await CollabServer.StartAsync(redis: Redis.ConnectionString);
        NodeB = await CollabServer.StartAsync(shareStoreWith: NodeA, redis: Redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await NodeB.DisposeAsync();
        await NodeA.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
