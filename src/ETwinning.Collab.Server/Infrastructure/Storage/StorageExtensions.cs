using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

public static class StorageExtensions
{
    /// <summary>The embedded engine: LiteDB files with one writer each, closed when idle.</summary>
    public static IServiceCollection AddLiteDbEngine(this IServiceCollection services)
    {
        services.TryAddSingleton<DatabaseFiles>();
        services.TryAddSingleton<IStorageProbe, LiteDbStorageProbe>();
        services.AddHostedService<IdleFileCloser>();
        return services;
    }

    /// <summary>Collections to create in every TwinSpace file when it opens (see <see cref="TwinSpaceCollections"/>).</summary>
    public static IServiceCollection AddTwinSpaceCollections(this IServiceCollection services, params string[] names) =>
        services.AddSingleton(new TwinSpaceCollections(names));
}
