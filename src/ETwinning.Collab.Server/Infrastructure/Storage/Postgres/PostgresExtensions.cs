using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

public static class PostgresExtensions
{
    /// <summary>The shared engine: one data source, the group-commit writer, schema steps applied at start.</summary>
    public static IServiceCollection AddPostgresEngine(this IServiceCollection services)
    {
        services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<PostgresDatabase>();
        services.TryAddSingleton<PostgresMigrator>();
        services.AddHostedService(provider => provider.GetRequiredService<PostgresMigrator>());
        services.TryAddSingleton<IStorageProbe, PostgresStorageProbe>();
        return services;
    }

    /// <summary>A schema step of a Postgres store (see <see cref="PostgresMigration"/>).</summary>
    public static IServiceCollection AddPostgresMigrations(this IServiceCollection services, params PostgresMigration[] migrations)
    {
        foreach (var migration in migrations) services.AddSingleton(migration);
        return services;
    }
}
