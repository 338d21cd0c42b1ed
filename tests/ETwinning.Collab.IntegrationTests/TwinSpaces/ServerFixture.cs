using ETwinning.Collab.IntegrationTests.Infrastructure;

namespace ETwinning.Collab.IntegrationTests.TwinSpaces;

/// <summary>One server shared by the tests of a class; each test makes its own TwinSpaces and accounts.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public CollabServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await CollabServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
