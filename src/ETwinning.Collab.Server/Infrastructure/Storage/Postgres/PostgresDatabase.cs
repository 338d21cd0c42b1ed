using System.Threading.Channels;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

/// <summary>
/// The shared PostgreSQL engine of the Postgres stores. Reads run on pooled connections, concurrently. Writes go
/// through a group commit like the embedded store's: queued writes run in one transaction, each inside its own
/// SAVEPOINT, so one commit (one WAL flush) acknowledges a whole batch while a write that throws rolls back alone
/// and fails alone. A write's task completes only after its transaction committed. Per-stream sequences are
/// assigned inside the write (a counter row updated with RETURNING), so they are gap-free and unique across nodes:
/// concurrent writers of one stream queue on the row lock, and a rolled back write gives its number back.
/// When the database cannot be reached, reads and writes fail with <c>unavailable</c> and nothing is acknowledged.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable
{
    private const string DeadlockDetected = "40P01";
    private const int MaxDeadlockAttempts = 3;
    private readonly Channel<PostgresWrite> _queue = Channel.CreateUnbounded<PostgresWrite>(new() { SingleReader = true });
    private readonly int _maxWritesPerBatch;
    private readonly ILogger<PostgresDatabase> _logger;
    private readonly Task _writerLoop;

    public PostgresDatabase(IOptions<PostgresOptions> options, ILogger<PostgresDatabase> logger)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
            throw new InvalidOperationException("Storage:Provider is Postgres but Storage:Postgres:ConnectionString is empty.");
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { CommandTimeout = settings.CommandTimeoutSeconds };
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _maxWritesPerBatch = settings.MaxWritesPerBatch;
        _logger = logger;
        _writerLoop = Task.Run(RunWriterLoopAsync);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Runs a read on a pooled connection; a lost database becomes <c>unavailable</c>.</summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await read(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (IsConnectionFailure(error)) { throw Unavailable(error); }
    }

    /// <summary>Queues a write; it runs inside the batch's transaction, and the task completes after the commit.</summary>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PostgresWrite<T>(write);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(PostgresDatabase), "The database is shutting down.");
        return pending.Task;
    }

    public Task WriteAsync(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task> write, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(async (connection, transaction, token) => { await write(connection, transaction, token).ConfigureAwait(false); return true; }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunWriterLoopAsync()
    {
        var batch = new List<PostgresWrite>(_maxWritesPerBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxWritesPerBatch && _queue.Reader.TryRead(out var write)) batch.Add(write);
            try { await CommitBatchAsync(batch).ConfigureAwait(false); }
            catch (Exception error)
            {
                // The transaction as a whole failed (connection lost, commit refused): nothing in it is acknowledged.
                var failure = IsConnectionFailure(error) ? Unavailable(error) : error;
                foreach (var write in batch) write.Fail(failure);
                LogBatchFailed(error, batch.Count);
            }
        }
    }

    private async Task CommitBatchAsync(List<PostgresWrite> batch)
    {
        await using var connection = await DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var succeeded = new List<PostgresWrite>(batch.Count);
        foreach (var write in batch)
        {
            for (var attempt = 1; ; attempt++)
            {
                await transaction.SaveAsync("w").ConfigureAwait(false);
                try
                {
                    await write.ExecuteAsync(connection, transaction, CancellationToken.None).ConfigureAwait(false);
                    await transaction.ReleaseAsync("w").ConfigureAwait(false);
                    succeeded.Add(write);
                    break;
                }
                catch (PostgresException error) when (error.SqlState == DeadlockDetected && attempt < MaxDeadlockAttempts)
                {
                    // Another node's batch locked the same stream rows in the other order; rolling back to the
                    // savepoint released ours, so it goes on and this write waits for it on the next attempt.
                    await transaction.RollbackAsync("w").ConfigureAwait(false);
                }
                catch (Exception error) when (!IsConnectionFailure(error))
                {
                    await transaction.RollbackAsync("w").ConfigureAwait(false);
                    write.Fail(error);
                    break;
                }
            }
        }
        await transaction.CommitAsync().ConfigureAwait(false);
        foreach (var write in succeeded) write.Acknowledge();
    }

    /// <summary>True for failures of the connection or server (not for a statement the database refused).</summary>
    public static bool IsConnectionFailure(Exception error) => error switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal),                       // admin shutdown, cannot connect now
        NpgsqlException => true,
        TimeoutException => true,
        _ => false,
    };

    private CollabException Unavailable(Exception error)
    {
        // Pooled connections of a server that went away are all broken: drop them, so the first use after it
        // returns opens a fresh one instead of failing once per pooled connection.
        DataSource.Clear();
        LogUnavailable(error);
        return CollabException.Unavailable("The database is not reachable right now; nothing was saved. Try again in a moment.");
    }

    [LoggerMessage(EventId = 811, Level = LogLevel.Warning, Message = "The database is not reachable")]
    private partial void LogUnavailable(Exception error);

    [LoggerMessage(EventId = 810, Level = LogLevel.Warning, Message = "A batch of {Count} writes failed; none was acknowledged")]
    private partial void LogBatchFailed(Exception error, int count);
}
