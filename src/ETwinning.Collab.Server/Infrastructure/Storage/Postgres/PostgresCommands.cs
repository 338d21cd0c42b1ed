using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>
/// The few shapes every Postgres store needs: a command with positional parameters (<c>$1, $2, ...</c>, no SQL
/// built from values), rows read into a list, and values converted at the boundary (times in UTC, JSON for lists).
/// </summary>
internal static class PostgresCommands
{
    /// <summary>A command inside <paramref name="transaction"/> (null for a read) with its values as parameters $1, $2, ...</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] values)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values)
            command.Parameters.Add(Parameter(value));
        return command;
    }

    /// <summary>A positional parameter for a value (a ready parameter passes through).</summary>
    public static NpgsqlParameter Parameter(object? value) => value as NpgsqlParameter ?? new NpgsqlParameter { Value = Normalize(value) };

    /// <summary>A JSON document parameter (lists inside a record that are never queried by their items).</summary>
    public static NpgsqlParameter Json(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    /// <summary>A text array parameter (empty rather than null, so <c>= ANY($n)</c> works for no ids).</summary>
    public static NpgsqlParameter TextArray(IEnumerable<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    public static async Task<List<T>> ListAsync<T>(NpgsqlCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<T>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(read(rows));
        return list;
    }

    public static async Task<T?> FirstOrDefaultAsync<T>(NpgsqlCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await rows.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(rows) : null;
    }

    public static string? NullableString(this DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    public static DateTime? NullableUtc(this DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetDateTime(ordinal);

    public static List<string> StringList(this DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? [] : [.. row.GetFieldValue<string[]>(ordinal)];

    // timestamptz takes UTC only; records made without a kind (a default time) mean UTC, as they do in the embedded store.
    private static object Normalize(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime { Kind: DateTimeKind.Unspecified } time => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        DateTime { Kind: DateTimeKind.Local } time => time.ToUniversalTime(),
        List<string> list => list.ToArray(),
        _ => value,
    };
}
