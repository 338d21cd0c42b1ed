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
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Features.Storage;

/// <summary>
/// The cluster provider: every feature's PostgreSQL store and its schema steps, on the shared engine. Blobs stay
/// content-addressed files under <c>Storage:DataDirectory</c>, which every node must share (a network volume).
/// </summary>
public static class PostgresStores
{
    public static IServiceCollection AddPostgresStores(this IServiceCollection services)
    {
        services.AddPostgresEngine();
        // Catalog, audit, moderation, updates, materials and blobs.
        services.TryAddSingleton<IAccountStore, PostgresAccountStore>();
        services.AddPostgresMigrations(PostgresAccountStore.Migrations);
        services.TryAddSingleton<ITwinSpaceStore, PostgresTwinSpaceStore>();
        services.AddPostgresMigrations(PostgresTwinSpaceStore.Migrations);
        services.TryAddSingleton<IAuditLog, PostgresAuditLog>();
        services.AddPostgresMigrations(PostgresAuditLog.Migrations);
        services.TryAddSingleton<IModerationStore, PostgresModerationStore>();
        services.AddPostgresMigrations(PostgresModerationStore.Migrations);
        services.TryAddSingleton<IUpdateStore, PostgresUpdateStore>();
        services.AddPostgresMigrations(PostgresUpdateStore.Migrations);
        services.TryAddSingleton<IMaterialStore, PostgresMaterialStore>();
        services.AddPostgresMigrations(PostgresMaterialStore.Migrations);
        services.TryAddSingleton<IBlobStore, PostgresBlobStore>();
        services.AddPostgresMigrations(PostgresBlobStore.Migrations);
        // The stream stores: chat, forums, pages (per-stream sequences from counter rows).
        services.TryAddSingleton<IChatStore, PostgresChatStore>();
        services.AddPostgresMigrations(PostgresChatStore.Migrations);
        services.TryAddSingleton<IForumStore, PostgresForumStore>();
        services.AddPostgresMigrations(PostgresForumStore.Migrations);
        services.TryAddSingleton<IPageStore, PostgresPageStore>();
        services.AddPostgresMigrations(PostgresPageStore.Migrations);
        services.TryAddSingleton<IRoomStore, PostgresRoomStore>();
        services.AddPostgresMigrations(PostgresRoomStore.Migrations);
        services.TryAddSingleton<ILiveEventStore, PostgresLiveEventStore>();
        services.AddPostgresMigrations(PostgresLiveEventStore.Migrations);
        // What `storage copy` exports and imports, feature by feature (catalog first).
        services.AddStoreTransfer<IAccountStore>();
        services.AddStoreTransfer<ITwinSpaceStore>();
        services.AddStoreTransfer<IAuditLog>();
        services.AddStoreTransfer<IModerationStore>();
        services.AddStoreTransfer<IUpdateStore>();
        services.AddStoreTransfer<IMaterialStore>();
        services.AddStoreTransfer<IBlobStore>();
        services.AddStoreTransfer<IChatStore>();
        services.AddStoreTransfer<IForumStore>();
        services.AddStoreTransfer<IPageStore>();
        services.AddStoreTransfer<IRoomStore>();
        services.AddStoreTransfer<ILiveEventStore>();
        return services;
    }
}
