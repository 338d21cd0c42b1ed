using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

/// <summary>The shared engine on a real PostgreSQL: group commit, one failing write, sequences, outages, schema steps.</summary>
public sealed class PostgresDatabaseTests
{
    private static readonly PostgresMigration Counters = new("test", 1, """
        CREATE TABLE streams (id text PRIMARY KEY, last_sequence bigint NOT NULL DEFAULT 0);
        CREATE TABLE entries (stream text NOT NULL, sequence bigint NOT NULL, body text NOT NULL, PRIMARY KEY (stream, sequence));
        """);

    [Fact]
    public async Task Concurrent_appends_get_gap_free_unique_sequences_and_a_failing_write_fails_alone()
    {
        await using var database = await OpenAsync(await (await PostgresServer.Shared).CreateDatabaseAsync());

        var appends = Enumerable.Range(0, 300).Select(i => AppendAsync(database, "s1", $"entry {i}")).ToList();
        var refused = database.WriteAsync<long>((_, _, _) => throw new InvalidOperationException("refused"));
        var sequences = await Task.WhenAll(appends);

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), sequences.Order());
        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        Assert.Equal(300L, await database.ReadAsync(async (connection, token) =>
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM entries WHERE stream = 's1'", connection);
            return (long)(await count.ExecuteScalarAsync(token))!;
        }, CancellationToken.None));
    }

    [Fact]
    public async Task One_statement_writes_share_a_round_trip_and_a_refused_one_still_fails_alone()
    {
        await using var database = await OpenAsync(await (await PostgresServer.Shared).CreateDatabaseAsync());

        // Queued together, they ride in one pipeline; the duplicate key makes the database refuse one of them.
        var writes = Enumerable.Range(0, 200).Select(i => InsertEntryAsync(database, "p", i % 100 == 42 && i > 100 ? 42 : i)).ToList();
        var results = await Task.WhenAll(writes.Select(async write => { try { return await write; } catch (PostgresException) { return -1; } }));

        Assert.Equal(1, results.Count(r => r == -1));
        Assert.Equal(199L, await database.ReadAsync(async (connection, token) =>
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM entries WHERE stream = 'p'", connection);
            return (long)(await count.ExecuteScalarAsync(token))!;
        }, CancellationToken.None));
    }

    [Fact]
    public async Task Two_engines_on_one_database_as_two_nodes_never_share_a_sequence()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync();
        await using var nodeA = await OpenAsync(connectionString);
        await using var nodeB = await OpenAsync(connectionString);

        var all = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => AppendAsync(i % 2 == 0 ? nodeA : nodeB, "shared", $"e{i}")));

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), all.Order());
    }

    [Fact]
    public async Task Schema_steps_apply_once_when_nodes_start_together()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync();
        var engines = new[] { Engine(connectionString), Engine(connectionString), Engine(connectionString) };
        try
        {
            await Task.WhenAll(engines.Select(engine => Migrator(engine).MigrateAsync(CancellationToken.None)));
            var steps = await engines[0].ReadAsync(async (connection, token) =>
            {
                await using var count = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE feature = 'test'", connection);
                return (long)(await count.ExecuteScalarAsync(token))!;
            }, CancellationToken.None);
            Assert.Equal(1, steps);
        }
        finally
        {
            foreach (var engine in engines) await engine.DisposeAsync();
        }
    }

    private static async Task<PostgresDatabase> OpenAsync(string connectionString)
    {
        var database = Engine(connectionString);
        await Migrator(database).MigrateAsync(CancellationToken.None);
        return database;
    }

    private static PostgresDatabase Engine(string connectionString) =>
        new(Microsoft.Extensions.Options.Options.Create(new PostgresOptions { ConnectionString = connectionString }), NullLogger<PostgresDatabase>.Instance);

    private static PostgresMigrator Migrator(PostgresDatabase database) => new(database, [Counters], NullLogger<PostgresMigrator>.Instance);

    /// <summary>The pattern the stores use: the stream's counter row assigns the next sequence inside the write.</summary>
    private static Task<long> AppendAsync(PostgresDatabase database, string stream, string body) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await using var next = new NpgsqlCommand("""
                INSERT INTO streams (id, last_sequence) VALUES ($1, 1)
                ON CONFLICT (id) DO UPDATE SET last_sequence = streams.last_sequence + 1
                RETURNING last_sequence
                """, connection, transaction);
            next.Parameters.Add(new() { Value = stream });
            var sequence = (long)(await next.ExecuteScalarAsync(token))!;
            await using var insert = new NpgsqlCommand("INSERT INTO entries (stream, sequence, body) VALUES ($1, $2, $3)", connection, transaction);
            insert.Parameters.Add(new() { Value = stream });
            insert.Parameters.Add(new() { Value = sequence });
            insert.Parameters.Add(new() { Value = body });
            await insert.ExecuteNonQueryAsync(token);
            return sequence;
        });

    private static Task<long> InsertEntryAsync(PostgresDatabase database, string stream, long sequence) =>
        database.WriteAsync(new PostgresBatchableStatement("INSERT INTO entries (stream, sequence, body) VALUES ($1, $2, 'x') RETURNING sequence", stream, sequence),
            async (row, token) => await row.ReadAsync(token) ? row.GetInt64(0) : 0, CancellationToken.None);
}
