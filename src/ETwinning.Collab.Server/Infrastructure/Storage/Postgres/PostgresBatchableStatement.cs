using Npgsql;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>
/// One SQL statement with its values as positional parameters (<c>$1, $2, ...</c>). A write made of one statement
/// that returns rows (<c>RETURNING</c>) can be sent to the database together with the other such writes of a batch,
/// in one round trip (see <see cref="PostgresDatabase.WriteAsync{T}(PostgresStatement, Func{System.Data.Common.DbDataReader, CancellationToken, Task{T}}, CancellationToken)"/>).
/// </summary>
public sealed class PostgresBatchableStatement(string sql, params object?[] values)
{
    public string Sql { get; } = sql;

    /// <summary>A command of its own (the statement may run more than once: every run gets fresh parameters).</summary>
    public NpgsqlCommand ToCommand(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        PostgresStatement.Command(connection, transaction, Sql, Fresh());

    public NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(Sql);
        foreach (var value in Fresh()) command.Parameters.Add(PostgresStatement.Parameter(value));
        return command;
    }

    // A parameter belongs to one command at a time, so ready-made ones are cloned for each run.
    private object?[] Fresh() => [.. values.Select(value => value is NpgsqlParameter parameter ? parameter.Clone() : value)];
}
