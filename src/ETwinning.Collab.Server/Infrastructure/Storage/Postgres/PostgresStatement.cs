using Npgsql;
using NpgsqlTypes;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>
/// One parameterized statement on a store's connection: arguments bind to <c>$1, $2, ...</c> in order, so values never
/// become SQL text. Dates are written as UTC <c>timestamptz</c>, enums as their numbers, null as SQL NULL
/// (<see cref="Parameter"/>: every store's values go through it, also those of <see cref="PostgresCommands"/>).
/// </summary>
public static class PostgresStatement
{
    private const string AllOrNoneSavepoint = "all_or_none";

    public static async Task<int> ExecuteAsync(
        this NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object?[] arguments, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, arguments);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every row, each mapped by <paramref name="map"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(
        this NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object?[] arguments,
        Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, arguments);
        return await ListAsync(command, map, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first row mapped, or null when there is none.</summary>
    public static async Task<T?> QueryFirstAsync<T>(
        this NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object?[] arguments,
        Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken) where T : class
    {
        await using var command = Command(connection, transaction, sql, arguments);
        return await FirstOrDefaultAsync(command, map, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first column of the first row; <paramref name="none"/> when there is no row or it is NULL.</summary>
    public static async Task<T> ScalarAsync<T>(
        this NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object?[] arguments, T none, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, arguments);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? none : (T)value;
    }

    /// <summary>
    /// Runs <paramref name="step"/> inside a savepoint of the write's transaction and undoes all it wrote when it
    /// answers false: for writes that are all or none but learn only halfway that they must not happen.
    /// </summary>
    public static async Task<bool> AllOrNoneAsync(this NpgsqlTransaction transaction, Func<Task<bool>> step, CancellationToken cancellationToken)
    {
        await transaction.SaveAsync(AllOrNoneSavepoint, cancellationToken).ConfigureAwait(false);
        if (await step().ConfigureAwait(false))
        {
            await transaction.ReleaseAsync(AllOrNoneSavepoint, cancellationToken).ConfigureAwait(false);
            return true;
        }
        await transaction.RollbackAsync(AllOrNoneSavepoint, cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>
    /// Holds a lock named <paramref name="key"/> until the write's transaction ends, on every node: for checks over
    /// many rows (a sum, an emptiness test) that no row lock covers. Two keys may share a lock; that only makes them wait.
    /// </summary>
    public static Task LockAsync(this NpgsqlConnection connection, NpgsqlTransaction transaction, string key, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(transaction, "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key], cancellationToken);

    /// <summary>A UTC date as stored; a date of unspecified kind is taken as UTC (the server keeps every date in UTC).</summary>
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    /// <summary>A nullable <c>timestamptz</c> column.</summary>
    public static DateTime? NullableDate(NpgsqlDataReader row, int ordinal) => row.NullableUtc(ordinal);

    /// <summary>A nullable <c>text</c> column.</summary>
    public static string? NullableText(NpgsqlDataReader row, int ordinal) => row.NullableString(ordinal);

    /// <summary>A command inside <paramref name="transaction"/> (null for a read) with its arguments as parameters $1, $2, ...</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object?[] arguments)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var argument in arguments) command.Parameters.Add(Parameter(argument));
        return command;
    }

    /// <summary>
    /// The one conversion of a value at the boundary, for every store: a ready parameter passes through, dates become
    /// UTC <c>timestamptz</c>, enums their numbers (a store that keeps an enum's name in a text column passes the name),
    /// string lists text arrays.
    /// </summary>
    public static NpgsqlParameter Parameter(object? argument) => argument switch
    {
        NpgsqlParameter parameter => parameter,
        null => new() { Value = DBNull.Value },
        DateTime date => new() { Value = Utc(date), NpgsqlDbType = NpgsqlDbType.TimestampTz },
        Enum value => new() { Value = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) },
        List<string> list => new() { Value = list.ToArray() },
        _ => new() { Value = argument },
    };

    /// <summary>Every row of <paramref name="command"/>, each mapped by <paramref name="map"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<T>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) results.Add(map(rows));
        return results;
    }

    /// <summary>The first row of <paramref name="command"/> mapped, or null when there is none.</summary>
    public static async Task<T?> FirstOrDefaultAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
        where T : class
    {
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await rows.ReadAsync(cancellationToken).ConfigureAwait(false) ? map(rows) : null;
    }
}
