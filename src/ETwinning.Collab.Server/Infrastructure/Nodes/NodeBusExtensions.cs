using ETwinning.Collab.Server.Infrastructure.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Infrastructure.Nodes;

public static class NodeBusExtensions
{
    /// <summary>The node bus: over Redis when it is configured, in memory otherwise.</summary>
    public static IServiceCollection AddNodeBus(this IServiceCollection services, RedisOptions redis)
    {
        services.TryAddSingleton<NodeIdentity>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NodeMessageDispatcher>();
        if (redis.IsEnabled)
        {
            services.TryAddSingleton(redis);
            services.TryAddSingleton<INodeBus, RedisNodeBus>();
            services.AddHostedService<RedisNodeSubscription>();
        }
        else
        {
            services.TryAddSingleton<InMemoryNodeNetwork>();
            services.TryAddSingleton<INodeBus, InMemoryNodeBus>();
            services.AddHostedService<InMemoryNodeSubscription>();
        }
        return services;
    }

    /// <summary>Registers a feature's handler of one message type from other nodes.</summary>
    public static IServiceCollection AddNodeMessageHandler<TMessage, THandler>(this IServiceCollection services)
        where TMessage : class where THandler : NodeMessageHandler<TMessage>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INodeMessageHandler, THandler>());
        return services;
    }
}
