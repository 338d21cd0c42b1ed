using ETwinning.Collab.Server.Features.Accounts;
using ETwinning.Collab.Server.Features.Audit;
using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.LiveEvents;
using ETwinning.Collab.Server.Features.Materials;
using ETwinning.Collab.Server.Features.Moderation;
using ETwinning.Collab.Server.Features.Pages;
using ETwinning.Collab.Server.Features.Rooms;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.Updates;
using ETwinning.Collab.Server.Infrastructure.Blobs;
using ETwinning.Collab.Server.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.Storage;

/// <summary>The embedded provider: every feature's LiteDB store, the collections it keeps in TwinSpace files.</summary>
public static class LiteDbStores
{
    public static IServiceCollection AddLiteDbStores(this IServiceCollection services)
    {
        services.AddLiteDbEngine();
        services.TryAddSingleton<LiteDbBlobStore>();
        services.TryAddSingleton<IBlobStore>(provider => provider.GetRequiredService<LiteDbBlobStore>());
        services.TryAddSingleton<IAccountStore, LiteDbAccountStore>();
        services.TryAddSingleton<ITwinSpaceStore, LiteDbTwinSpaceStore>();
        services.TryAddSingleton<IAuditLog, LiteDbAuditLog>();
        services.AddTwinSpaceCollections(LiteDbAuditLog.Collections);
        services.TryAddSingleton<IModerationStore, LiteDbModerationStore>();
        services.AddTwinSpaceCollections(LiteDbModerationStore.Collections);
        services.TryAddSingleton<IMaterialStore, LiteDbMaterialStore>();
        services.AddTwinSpaceCollections(LiteDbMaterialStore.FileCollections);
        services.TryAddSingleton<IChatStore, LiteDbChatStore>();
        services.AddTwinSpaceCollections(ChatCollections.All);
        services.AddSingleton(new LiteDbMapping(LiteDbChatStore.Map));
        services.TryAddSingleton<IPageStore, LiteDbPageStore>();
        services.AddTwinSpaceCollections(LiteDbPageStore.Collections);
        services.AddSingleton(new LiteDbMapping(LiteDbPageStore.Map));
        services.TryAddSingleton<IForumStore, LiteDbForumStore>();
        services.AddTwinSpaceCollections(LiteDbForumStore.Collections);
        services.TryAddSingleton<IUpdateStore, LiteDbUpdateStore>();
        services.AddTwinSpaceCollections(LiteDbUpdateStore.Collections);
        services.AddSingleton(new LiteDbMapping(LiteDbUpdateStore.Map));
        services.TryAddSingleton<IRoomStore, LiteDbRoomStore>();
        services.AddTwinSpaceCollections(LiteDbRoomStore.Collections);
        services.AddSingleton(new LiteDbMapping(LiteDbRoomStore.Map));
        services.TryAddSingleton<ILiveEventStore, LiteDbLiveEventStore>();
        services.AddTwinSpaceCollections(LiteDbLiveEventStore.Collections);
        // What `storage copy` exports and imports, feature by feature (catalog first).
        services.AddStoreTransfer<IAccountStore>();
        services.AddStoreTransfer<ITwinSpaceStore>();
        services.AddStoreTransfer<IAuditLog>();
        services.AddStoreTransfer<IModerationStore>();
        services.AddStoreTransfer<IUpdateStore>();
        services.AddStoreTransfer<IMaterialStore>();
        services.AddStoreTransfer<LiteDbBlobStore>();
        services.AddStoreTransfer<IChatStore>();
        services.AddStoreTransfer<IForumStore>();
        services.AddStoreTransfer<IPageStore>();
        services.AddStoreTransfer<IRoomStore>();
        services.AddStoreTransfer<ILiveEventStore>();
        return services;
    }
}
