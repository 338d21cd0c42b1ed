using Npgsql;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>
/// Brings the schema up to date when the server starts, before it serves anything (hosted services start before
/// Kestrel). Plain versioned SQL rather than a migration library: the steps are few and owned by the store classes,
/// the pending steps run with their bookkeeping in ONE transaction (PostgreSQL has transactional DDL, so a failed
/// step leaves nothing half done), and an advisory lock makes nodes that start together apply each step once.
/// </summary>
internal sealed partial class PostgresMigrator(PostgresDatabase database, IEnumerable<PostgresMigration> migrations, ILogger<PostgresMigrator> logger)
    : IHostedService
{
    // Any fixed number works; it only has to be the same on every node.
    private const long MigrationLockKey = 7_411_903_205;

    public async Task StartAsync(CancellationToken cancellationToken) => await MigrateAsync(cancellationToken).ConfigureAwait(false);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var steps = migrations.OrderBy(m => m.Feature, StringComparer.Ordinal).ThenBy(m => m.Version).ToList();
        foreach (var duplicate in steps.GroupBy(m => (m.Feature, m.Version)).Where(g => g.Count() > 1))
            throw new InvalidOperationException($"Migration {duplicate.Key.Feature} {duplicate.Key.Version} is registered twice.");
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
        await Execute(connection, transaction, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                feature text NOT NULL,
                version integer NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (feature, version))
            """, cancellationToken).ConfigureAwait(false);
        var applied = new HashSet<(string, int)>();
        await using (var read = new NpgsqlCommand("SELECT feature, version FROM schema_migrations", connection, transaction))
        await using (var rows = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) applied.Add((rows.GetString(0), rows.GetInt32(1)));
        foreach (var step in steps.Where(step => !applied.Contains((step.Feature, step.Version))))
        {
            await Execute(connection, transaction, step.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (feature, version) VALUES ($1, $2)", connection, transaction);
            record.Parameters.Add(new() { Value = step.Feature });
            record.Parameters.Add(new() { Value = step.Version });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(step.Feature, step.Version);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 820, Level = LogLevel.Information, Message = "Applied schema step {Feature} {Version}")]
    private partial void LogApplied(string feature, int version);
}
