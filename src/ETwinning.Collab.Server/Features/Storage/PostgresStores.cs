using ETwinning.Collab.Server.Features.LiveEvents;
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
        services.TryAddSingleton<ILiveEventStore, PostgresLiveEventStore>();
        services.AddPostgresMigrations(PostgresLiveEventStore.Migrations);
        return services;
    }
}
