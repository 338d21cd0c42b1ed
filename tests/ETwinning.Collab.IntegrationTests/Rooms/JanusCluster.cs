using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.Rooms;

/// <summary>A real Janus, a real Redis and two nodes sharing one store, both driving that Janus.</summary>
public sealed class JanusCluster : IAsyncLifetime
{
    public JanusServer Janus { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;
    public CollabServer NodeA { get; private set; } = null!;
    public CollabServer NodeB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Janus = await JanusServer.StartAsync();
        Redis = await RedisServer.StartAsync();
        NodeA = await CollabServer.StartAsync(Janus.Settings(), redis: Redis.ConnectionString);
        NodeB = await CollabServer.StartAsync(Janus.Settings(), shareStoreWith: NodeA, redis: Redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await NodeB.DisposeAsync();
        await NodeA.DisposeAsync();
        await Redis.DisposeAsync();
        await Janus.DisposeAsync();
    }
}
