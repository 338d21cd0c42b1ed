using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

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
        return services;
    }
}
