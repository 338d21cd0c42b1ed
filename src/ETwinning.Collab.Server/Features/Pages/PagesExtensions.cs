using ETwinning.Collab.Server.Infrastructure.Connections;
using ETwinning.Collab.Server.Infrastructure.Nodes;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.Pages;

public static class PagesExtensions
{
    public static IHostApplicationBuilder AddPages(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PagesOptions>().BindConfiguration(PagesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPageRelay, NodeBusPageRelay>();
        services.AddNodeMessageHandler<PageUpdateRelayed, PageUpdateRelayedHandler>();
        services.AddNodeMessageHandler<PageAwarenessRelayed, PageAwarenessRelayedHandler>();
        services.AddConnectionObserver<LivePageConnections>();
        services.TryAddSingleton<PageTreeService>();
        services.TryAddSingleton<LivePageService>();
        services.TryAddSingleton<PageVersionService>();
        services.TryAddSingleton<PagePublishing>();
        // Replaces (not TryAdd) the Materials default that says no to every material, whichever feature registers first.
        services.Replace(ServiceDescriptor.Singleton<Materials.IPublicAssets, PublishedPageAssets>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Export.IExportContributor, PagesExportContributor>());
        services.AddHostedService<PageHousekeeping>();
        return builder;
    }
}
