using System.Runtime.CompilerServices;
using Npgsql;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>
/// The plumbing of the Postgres stores' <see cref="IStoreTransfer"/>: a store names its tables, how a row becomes a record
/// and which upsert writes a record back; reading, streaming and writing the batch happen here, the same for every store.
/// </summary>
public static class PostgresTransfer
{
    /// <summary>
    /// Every row of <paramref name="sql"/> (which orders them), streamed from one query on its own connection: a table
    /// of millions of chat messages is never held in memory, and the order is the one snapshot the query saw.
    /// </summary>
    public static async IAsyncEnumerable<T> QueryAllAsync<T>(
        this PostgresDatabase database, string sql, Func<NpgsqlDataReader, T> map, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) yield return map(rows);
    }

    /// <summary>A store's export: the rows of each of <paramref name="queries"/> in turn, each table streamed (<see cref="QueryAllAsync{T}"/>).</summary>
    public static async IAsyncEnumerable<StoredRecord> ExportAsync(
        this PostgresDatabase database, IEnumerable<PostgresExportQuery> queries, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var query in queries)
            await foreach (var record in database.QueryAllAsync(query.Sql, query.Read, cancellationToken).ConfigureAwait(false))
                yield return record;
    }

    /// <summary>
    /// Writes an imported batch as one write: each record by the upsert <paramref name="upsert"/> gives for it (which
    /// throws <see cref="StoredRecord.NotOf"/> for a kind the store does not know), so a batch lands whole or not at all.
    /// </summary>
    public static Task ImportAsync(
        this PostgresDatabase database, IReadOnlyList<StoredRecord> batch, Func<StoredRecord, PostgresBatchableStatement> upsert,
        CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, token) => UpsertAllAsync(connection, transaction, batch, upsert, token), cancellationToken);

    /// <summary>
    /// <see cref="ImportAsync(PostgresDatabase, IReadOnlyList{StoredRecord}, Func{StoredRecord, PostgresBatchableStatement}, CancellationToken)"/>
    /// for a store with per-TwinSpace counters: after the rows, <paramref name="continueCountersSql"/> runs once with the
    /// batch's TwinSpace ids as <c>$1</c> (a text array), so the counters continue after the highest imported sequence.
    /// </summary>
    public static Task ImportAsync(
        this PostgresDatabase database, IReadOnlyList<StoredRecord> batch, Func<StoredRecord, PostgresBatchableStatement> upsert,
        string continueCountersSql, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await UpsertAllAsync(connection, transaction, batch, upsert, token).ConfigureAwait(false);
            await connection.ExecuteAsync(transaction, continueCountersSql,
                [batch.Select(record => record.RequireTwinSpace()).Distinct().ToArray()], token).ConfigureAwait(false);
        }, cancellationToken);

    private static async Task UpsertAllAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StoredRecord> batch, Func<StoredRecord, PostgresBatchableStatement> upsert,
        CancellationToken cancellationToken)
    {
        foreach (var record in batch)
        {
            await using var command = upsert(record).ToCommand(connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
