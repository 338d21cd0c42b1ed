using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Realtime.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.Infrastructure;

public static class ServiceProviderExtensions
{
    /// <summary>The node's connection registry: which connections are joined where.</summary>
    public static ConnectionRegistry GetConnections(this IServiceProvider services) => services.GetRequiredService<ConnectionRegistry>();

    /// <summary>The connections of an account in a TwinSpace on this node.</summary>
    public static IReadOnlyList<string> ConnectionsOf(this ConnectionRegistry registry, string twinSpaceId, string accountId) =>
        registry.In(ConnectionScope.TwinSpace(twinSpaceId)).Where(member => member.AccountId == accountId).Select(member => member.ConnectionId).ToList();
}
