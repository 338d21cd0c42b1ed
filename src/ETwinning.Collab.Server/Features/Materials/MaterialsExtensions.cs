using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Features.Export;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Infrastructure.Images;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.Materials;

public static class MaterialsExtensions
{
    public static IHostApplicationBuilder AddMaterials(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MaterialsOptions>().BindConfiguration(MaterialsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ImagePipeline>();
        services.TryAddSingleton<ImageProcessingSlots>();
        services.TryAddSingleton<IPublicAssets, NoPublicAssets>();
        services.TryAddSingleton<MaterialUrlSigner>();
        services.TryAddSingleton<MaterialViews>();
        services.TryAddSingleton<UploadReceiver>();
        services.TryAddSingleton<UploadRateLimiter>();
        services.TryAddSingleton<MaterialProcessingQueue>();
        services.TryAddSingleton<MaterialChanges>();
        services.TryAddSingleton<MaterialService>();
        services.TryAddSingleton<MaterialDownloads>();
        services.TryAddSingleton<AvatarService>();
        services.TryAddSingleton<MaterialProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<MaterialProcessor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExportContributor, MaterialsExportContributor>());
        builder.AddExport();
        return builder;
    }
}
