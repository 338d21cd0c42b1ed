using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Infrastructure.Blobs;

public static class BlobsExtensions
{
    public static IServiceCollection AddBlobStore(this IServiceCollection services)
    {
        services.TryAddSingleton<FileBlobStore>();
        services.TryAddSingleton<IBlobStore>(provider => provider.GetRequiredService<FileBlobStore>());
        return services;
    }
}
