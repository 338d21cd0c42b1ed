using ETwinning.Collab.Server.Features.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using ETwinning.Collab.Server.Tests.Storage.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

/// <summary>
/// The PostgreSQL provider on a fresh database of the shared test server, wired by the same registration the server
/// uses (<see cref="PostgresStores"/>), with its schema steps applied as at start. Blobs live in a temporary folder,
/// as they would on the cluster's shared volume.
/// </summary>
public sealed class PostgresStoreProvider : IStoreProvider
{
    private readonly string _connectionString;
    private readonly TempFolder _folder = new();
    private ServiceProvider _services;

    private PostgresStoreProvider(string connectionString)
    {
        _connectionString = connectionString;
        _services = Build();
    }

    public static async Task<IStoreProvider> OpenAsync()
    {
        var server = await PostgresServer.Shared;
        var provider = new PostgresStoreProvider(await server.CreateDatabaseAsync());
        await provider.MigrateAsync();
        return provider;
    }

    public TStore Get<TStore>() where TStore : notnull => _services.GetRequiredService<TStore>();

    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        _services = Build();
        await MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        _folder.Dispose();
    }

    private Task MigrateAsync() => _services.GetRequiredService<PostgresMigrator>().MigrateAsync(CancellationToken.None);

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions();
        // The engine binds its options from configuration; the tests configure them in code instead.
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.Configure<StorageOptions>(options => options.DataDirectory = _folder.Path);
        services.Configure<PostgresOptions>(options => options.ConnectionString = _connectionString);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IHostEnvironment>(new FolderEnvironment(_folder.Path));
        services.AddPostgresStores();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private sealed class FolderEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
