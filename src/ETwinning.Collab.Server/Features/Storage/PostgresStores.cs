using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Forums;
using ETwinning.Collab.Server.Features.Pages;
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
        // The stream stores: chat, forums, pages (per-stream sequences from counter rows).
        services.TryAddSingleton<IChatStore, PostgresChatStore>();
        services.AddPostgresMigrations(PostgresChatStore.Migrations);
        services.TryAddSingleton<IForumStore, PostgresForumStore>();
        services.AddPostgresMigrations(PostgresForumStore.Migrations);
        services.TryAddSingleton<IPageStore, PostgresPageStore>();
        services.AddPostgresMigrations(PostgresPageStore.Migrations);
        return services;
    }
}
