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
}
