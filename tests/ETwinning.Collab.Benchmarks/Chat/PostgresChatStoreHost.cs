using ETwinning.Collab.Server.Features.Chat;
using ETwinning.Collab.Server.Features.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using ETwinning.Collab.Server.Tests.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ETwinning.Collab.Benchmarks.Chat;

/// <summary>
/// The chat store of the PostgreSQL provider, as the server registers it (<see cref="PostgresStores"/>), on a
/// PostgreSQL of its own: the tests' <see cref="PostgresServer"/> (initdb/pg_ctl in a temporary folder on a free
/// port, default durability settings), with the schema applied as at start.
/// </summary>
internal sealed class PostgresChatStoreHost : IAsyncDisposable
{
    private readonly PostgresServer _server;
    private readonly ServiceProvider _services;

    private PostgresChatStoreHost(PostgresServer server, ServiceProvider services)
    {
        _server = server;
        _services = services;
    }

    public IChatStore Store => _services.GetRequiredService<IChatStore>();

    public static async Task<PostgresChatStoreHost> StartAsync()
    {
        var server = await PostgresServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{PostgresOptions.Section}:{nameof(PostgresOptions.ConnectionString)}"] = await server.CreateDatabaseAsync(),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddConsole())
            .AddPostgresStores()
            .BuildServiceProvider();
        foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        return new PostgresChatStoreHost(server, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }
}
