using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Infrastructure.Connections;

public static class ConnectionsExtensions
{
    /// <summary>Registers a feature's observer of one kind of scope (see <see cref="IConnectionObserver"/>).</summary>
    public static IServiceCollection AddConnectionObserver<TObserver>(this IServiceCollection services) where TObserver : class, IConnectionObserver
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionObserver, TObserver>());
        return services;
    }
}
