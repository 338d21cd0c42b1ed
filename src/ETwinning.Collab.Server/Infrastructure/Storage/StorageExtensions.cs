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

    /// <summary>
    /// Makes the registered <typeparamref name="TStore"/> (the same instance the features use) one of the provider's
    /// <see cref="IStoreTransfer"/>s, which <c>storage copy</c> exports from and imports into.
    /// </summary>
    public static IServiceCollection AddStoreTransfer<TStore>(this IServiceCollection services) where TStore : class =>
        services.AddSingleton(provider => provider.GetRequiredService<TStore>() as IStoreTransfer
            ?? throw new InvalidOperationException($"The registered {typeof(TStore).Name} cannot copy its records to another provider."));
}
