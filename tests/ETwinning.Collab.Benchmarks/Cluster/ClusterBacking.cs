using ETwinning.Collab.IntegrationTests.Infrastructure;
using ETwinning.Collab.Server.Tests.Storage.Postgres;

namespace ETwinning.Collab.Benchmarks.Cluster;

/// <summary>
/// What the nodes of a multi-node run share: a PostgreSQL (the tests' <see cref="PostgresServer"/>, initdb/pg_ctl
/// in a temporary folder, default durability) with a fresh database per deployment, and a redis-server (the
/// integration tests' <see cref="RedisServer"/>) unless one is given. Each is started on first use, so a LiteDB-only
/// run starts neither.
/// </summary>
internal sealed class ClusterBacking(string? givenRedis) : IAsyncDisposable
{
    private PostgresServer? _postgres;
    private RedisServer? _redis;

    /// <summary>The connection string of a new empty database.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        _postgres ??= await PostgresServer.StartAsync();
        return await _postgres.CreateDatabaseAsync();
    }

    /// <summary>host:port of the Redis the nodes share.</summary>
    public async Task<string> RedisAsync()
    {
        if (givenRedis is not null) return givenRedis;
        _redis ??= await RedisServer.StartAsync();
        return _redis.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
        if (_postgres is not null) await _postgres.DisposeAsync();
    }
}
