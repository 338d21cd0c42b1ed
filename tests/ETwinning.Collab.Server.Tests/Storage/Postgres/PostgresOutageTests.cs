using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ETwinning.Collab.Server.Tests.Storage.Postgres;

/// <summary>A database of its own, stopped and started: writes fail with <c>unavailable</c> while it is down, nothing
/// acknowledged is lost, and the engine resumes by itself.</summary>
public sealed class PostgresOutageTests : IAsyncLifetime
{
    private PostgresServer _server = null!;

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Writes_fail_as_unavailable_while_the_database_is_down_and_resume_when_it_returns()
    {
        var connectionString = await _server.CreateDatabaseAsync();
        await using var database = new PostgresDatabase(
            Microsoft.Extensions.Options.Options.Create(new PostgresOptions { ConnectionString = connectionString }), NullLogger<PostgresDatabase>.Instance);
        await new PostgresMigrator(database, [new PostgresMigration("test", 1, "CREATE TABLE notes (body text NOT NULL)")],
            NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await InsertAsync(database, "before");

        await _server.StopAsync();
        var down = await Assert.ThrowsAsync<CollabException>(() => InsertAsync(database, "while down"));
        Assert.Equal(ErrorCodes.Unavailable, down.Code);

        await _server.RestartAsync();
        // pg_ctl returns once the server accepts connections; the engine dropped its broken ones, so this just works.
        await InsertAsync(database, "after");
        var notes = await database.ReadAsync(async (connection, token) =>
        {
            await using var read = new NpgsqlCommand("SELECT body FROM notes ORDER BY body", connection);
            await using var rows = await read.ExecuteReaderAsync(token);
            var bodies = new List<string>();
            while (await rows.ReadAsync(token)) bodies.Add(rows.GetString(0));
            return bodies;
        }, CancellationToken.None);
        Assert.Equal(["after", "before"], notes);
    }

    [Fact]
    public async Task A_node_that_sent_nothing_during_a_restart_reads_and_writes_at_once_when_the_database_is_back()
    {
        var connectionString = await _server.CreateDatabaseAsync();
        await using var database = new PostgresDatabase(
            Microsoft.Extensions.Options.Options.Create(new PostgresOptions { ConnectionString = connectionString }), NullLogger<PostgresDatabase>.Instance);
        await new PostgresMigrator(database, [new PostgresMigration("test", 1, "CREATE TABLE notes (body text NOT NULL)")],
            NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
        // Several pooled connections, all of which die with the restart.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => InsertAsync(database, $"before {i}")));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CountAsync(database)));

        await _server.StopAsync();
        await _server.RestartAsync();

        // Nothing was sent while the database was away, so the pool still holds dead connections: neither the first
        // read nor the first write may fail because of them.
        Assert.Equal(4, await CountAsync(database));
        await InsertAsync(database, "after");
        Assert.Equal(5, await CountAsync(database));
    }

    private static Task<long> CountAsync(PostgresDatabase database) =>
        database.ReadAsync(async (connection, token) =>
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM notes", connection);
            return (long)(await count.ExecuteScalarAsync(token))!;
        }, CancellationToken.None);

    private static Task InsertAsync(PostgresDatabase database, string body) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await using var insert = new NpgsqlCommand("INSERT INTO notes (body) VALUES ($1)", connection, transaction);
            insert.Parameters.Add(new() { Value = body });
            await insert.ExecuteNonQueryAsync(token);
        });
}
