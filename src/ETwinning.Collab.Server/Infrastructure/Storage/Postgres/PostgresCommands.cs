using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>
/// The command-first shapes of the stores that build a command and then read it (<c>using static</c>): a command with
/// positional parameters, rows read into a list, and the typed parameters and columns only those stores use. Values and
/// rows go through <see cref="PostgresStatement"/>, so every store converts dates, enums and lists the same way.
/// </summary>
internal static class PostgresCommands
{
    /// <summary>A command inside <paramref name="transaction"/> (null for a read) with its values as parameters $1, $2, ...</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] values) =>
        PostgresStatement.Command(connection, transaction, sql, values);

    /// <summary>A positional parameter for a value (a ready parameter passes through).</summary>
    public static NpgsqlParameter Parameter(object? value) => PostgresStatement.Parameter(value);

    /// <summary>A JSON document parameter (lists inside a record that are never queried by their items).</summary>
    public static NpgsqlParameter Json(string json) => new() { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    /// <summary>A text array parameter (empty rather than null, so <c>= ANY($n)</c> works for no ids).</summary>
    public static NpgsqlParameter TextArray(IEnumerable<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    public static Task<List<T>> ListAsync<T>(NpgsqlCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken) =>
        PostgresStatement.ListAsync(command, read, cancellationToken);

    public static Task<T?> FirstOrDefaultAsync<T>(NpgsqlCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class =>
        PostgresStatement.FirstOrDefaultAsync(command, read, cancellationToken);

    public static string? NullableString(this DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    public static DateTime? NullableUtc(this DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetDateTime(ordinal);

    public static List<string> StringList(this DbDataReader row, int ordinal) => row.IsDBNull(ordinal) ? [] : [.. row.GetFieldValue<string[]>(ordinal)];
}
