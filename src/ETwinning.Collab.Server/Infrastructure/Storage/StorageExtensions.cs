using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

public static class StorageExtensions
{
    public static IHostApplicationBuilder AddEmbeddedStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<DatabaseFiles>();
        builder.Services.AddHostedService<IdleFileCloser>();
        return builder;
    }

    /// <summary>Collections to create in every TwinSpace file when it opens (see <see cref="TwinSpaceCollections"/>).</summary>
    public static IServiceCollection AddTwinSpaceCollections(this IServiceCollection services, params string[] names) =>
        services.AddSingleton(new TwinSpaceCollections(names));
}
