using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

/// <summary>
/// Nodes whose group-commit batches write the same streams in different orders. Each batch holds the counter rows it
/// touched until it commits, so two nodes' batches could each wait for the other's rows (a deadlock PostgreSQL breaks
/// only after a second, failing writes); the engine must never let that happen.
/// </summary>
public sealed class PostgresBatchesAcrossNodesTests
{
    private const int Streams = 40;
    private const int WritesPerNode = 600;

    [Fact]
    public async Task Two_nodes_writing_many_shared_streams_in_opposite_orders_lose_no_write_to_a_deadlock()
    {
        var server = await PostgresServer.Shared;
        var connectionString = await server.CreateDatabaseAsync();
        await using var nodeA = Engine(connectionString);
        await using var nodeB = Engine(connectionString);
        await new PostgresMigrator(nodeA, [new PostgresMigration("test", 1,
            $"CREATE TABLE counters (id int PRIMARY KEY, n bigint NOT NULL); INSERT INTO counters SELECT g, 0 FROM generate_series(1, {Streams}) g")],
            NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);

        // Node A walks the streams upwards, node B downwards: their batches take the rows in opposite orders.
        var writes = Enumerable.Range(0, WritesPerNode).SelectMany(i => new[]
        {
            BumpAsync(nodeA, 1 + i % Streams),
            BumpAsync(nodeB, Streams - i % Streams),
        }).ToList();
        await Task.WhenAll(writes);

        var total = await nodeA.ReadAsync(async (connection, token) =>
        {
            await using var sum = new NpgsqlCommand("SELECT sum(n) FROM counters", connection);
            return Convert.ToInt64(await sum.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
        }, CancellationToken.None);
        Assert.Equal(2 * WritesPerNode, total);
    }

    private static PostgresDatabase Engine(string connectionString) => new(
        Microsoft.Extensions.Options.Options.Create(new PostgresOptions { ConnectionString = connectionString }), NullLogger<PostgresDatabase>.Instance);

    private static Task BumpAsync(PostgresDatabase node, int stream) =>
        node.WriteAsync(async (connection, transaction, token) =>
        {
            await using var bump = new NpgsqlCommand("UPDATE counters SET n = n + 1 WHERE id = $1", connection, transaction);
            bump.Parameters.Add(new() { Value = stream });
            await bump.ExecuteNonQueryAsync(token);
        });
}
