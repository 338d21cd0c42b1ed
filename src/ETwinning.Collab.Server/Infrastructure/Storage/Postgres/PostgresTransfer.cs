using System.Runtime.CompilerServices;
using Npgsql;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>Reading a whole table for the Postgres stores' <see cref="IStoreTransfer"/>.</summary>
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
}
