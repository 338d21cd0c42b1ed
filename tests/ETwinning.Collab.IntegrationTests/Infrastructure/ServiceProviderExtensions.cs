using ETwinning.Collab.Server.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace ETwinning.Collab.IntegrationTests.Infrastructure;

public static class ServiceProviderExtensions
{
    /// <summary>The node's presence tracker: which connections are joined where.</summary>
    public static PresenceTracker GetPresence(this IServiceProvider services) => services.GetRequiredService<PresenceTracker>();
}
