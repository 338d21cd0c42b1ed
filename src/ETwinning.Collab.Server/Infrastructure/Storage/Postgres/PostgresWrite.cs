using System.Data.Common;
using System.Diagnostics;
using ETwinning.Collab.Server.Infrastructure.Metrics;
using Npgsql;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>A write waiting for the writer loop; its task completes only after the batch holding it committed.</summary>
internal abstract class PostgresWrite
{
    public abstract Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
    public abstract void Acknowledge();
    public abstract void Fail(Exception error);
}

internal sealed class PostgresWrite<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write) : PostgresWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _queuedAt = Stopwatch.GetTimestamp();
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        _result = await write(connection, transaction, cancellationToken).ConfigureAwait(false);

    public override void Acknowledge()
    {
        CollabMetrics.RecordWrite("postgres", _queuedAt, committed: true);
        _completion.TrySetResult(_result!);
    }

    public override void Fail(Exception error)
    {
        CollabMetrics.RecordWrite("postgres", _queuedAt, committed: false);
        _completion.TrySetException(error);
    }
}

/// <summary>A write of one statement that returns rows: it can share a round trip with the batch's other such writes.</summary>
internal abstract class PostgresStatementWrite : PostgresWrite
{
    public abstract PostgresBatchableStatement Statement { get; }

    /// <summary>Reads the statement's result set, on which <paramref name="reader"/> stands.</summary>
    public abstract Task ReadAsync(DbDataReader reader, CancellationToken cancellationToken);
}

internal sealed class PostgresStatementWrite<T>(PostgresBatchableStatement statement, Func<DbDataReader, CancellationToken, Task<T>> read) : PostgresStatementWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _queuedAt = Stopwatch.GetTimestamp();
    private T? _result;

    public Task<T> Task => _completion.Task;

    public override PostgresBatchableStatement Statement => statement;

    public override async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = statement.ToCommand(connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await ReadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    public override async Task ReadAsync(DbDataReader reader, CancellationToken cancellationToken) =>
        _result = await read(reader, cancellationToken).ConfigureAwait(false);

    public override void Acknowledge()
    {
        CollabMetrics.RecordWrite("postgres", _queuedAt, committed: true);
        _completion.TrySetResult(_result!);
    }

    public override void Fail(Exception error)
    {
        CollabMetrics.RecordWrite("postgres", _queuedAt, committed: false);
        _completion.TrySetException(error);
    }
}
