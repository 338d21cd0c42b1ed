using System.Data.Common;
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
/// concurrent writers of one stream queue on the row lock, and a rolled back write gives its number back. The nodes'
/// batches take turns (an advisory lock per batch transaction), since a batch holds every stream row it wrote until
/// it commits and two batches taking rows in different orders would deadlock.
/// When the database cannot be reached, reads and writes fail with <c>unavailable</c> and nothing is acknowledged.
/// <para>
/// Round trips, not the database's work, set the pace of small writes: a write run as SAVEPOINT, statement, RELEASE
/// costs three. So writes of one statement (<see cref="WriteAsync{T}(PostgresBatchableStatement, Func{DbDataReader, CancellationToken, Task{T}}, CancellationToken)"/>)
/// that follow each other in a batch are sent as one pipeline behind one savepoint: one round trip for all of them.
/// When any of them fails, the pipeline rolls back to its savepoint and its writes run again one by one, each in
/// its own savepoint as above, so the failing one still fails alone. This also keeps a batch to a few
/// subtransactions (PostgreSQL slows every session down once a transaction has more than 64).
/// </para>
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable
{
    private const string DeadlockDetected = "40P01";
    private const int MaxDeadlockAttempts = 3;
    // Any fixed number distinct from the migrator's; it only has to be the same on every node.
    private const long WriteTurnLockKey = 7_411_903_206;
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
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = settings.MaxAutoPreparedStatements;
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _maxWritesPerBatch = settings.MaxWritesPerBatch;
        _logger = logger;
        _writerLoop = Task.Run(RunWriterLoopAsync);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Runs a read on a pooled connection; a lost database becomes <c>unavailable</c>.</summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                return await read(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (IsConnectionFailure(error) && attempt == 1 && !cancellationToken.IsCancellationRequested)
            {
                // The pooled connection may have died with a database restart this node never noticed (it sent
                // nothing meanwhile): drop the pool and read once more on a fresh connection. A read has no effects.
                DataSource.Clear();
            }
            catch (Exception error) when (IsConnectionFailure(error)) { throw Unavailable(error); }
        }
    }

    /// <summary>Queues a write; it runs inside the batch's transaction, and the task completes after the commit.</summary>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PostgresWrite<T>(write);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(PostgresDatabase), "The database is shutting down.");
        return pending.Task;
    }

    /// <summary>
    /// Queues a write of one statement that returns rows (<c>RETURNING</c>, or a <c>SELECT</c> at the end of a
    /// <c>WITH</c>); <paramref name="read"/> reads its result set. Such writes share round trips (see the class
    /// comment); the task completes after the commit.
    /// </summary>
    public Task<T> WriteAsync<T>(PostgresBatchableStatement statement, Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PostgresStatementWrite<T>(statement, read);
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
        var (connection, transaction) = await BeginBatchAsync().ConfigureAwait(false);
        await using (connection)
        await using (transaction)
        {
            var succeeded = new List<PostgresWrite>(batch.Count);
            for (var next = 0; next < batch.Count;)
            {
                var run = batch.Skip(next).TakeWhile(write => write is PostgresStatementWrite).Cast<PostgresStatementWrite>().ToList();
                if (run.Count > 1 && await TryPipelineAsync(connection, transaction, run).ConfigureAwait(false)) succeeded.AddRange(run);
                else foreach (var write in run.Count > 0 ? run.Cast<PostgresWrite>() : [batch[next]]) await ExecuteAloneAsync(connection, transaction, write, succeeded).ConfigureAwait(false);
                next += Math.Max(1, run.Count);
            }
            await transaction.CommitAsync().ConfigureAwait(false);
            foreach (var write in succeeded) write.Acknowledge();
        }
    }

    /// <summary>
    /// Runs one-statement writes in one round trip behind one savepoint; false (with the savepoint rolled back, so
    /// nothing of them stays) when the database refused one of them.
    /// </summary>
    private static async Task<bool> TryPipelineAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PostgresStatementWrite> run)
    {
        try
        {
            // The savepoint and its release ride in the same round trip: Npgsql's reader passes over statements
            // that return no rows, so the reader's result sets are exactly the writes' in order.
            await using (var pipeline = new NpgsqlBatch(connection, transaction))
            {
                pipeline.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT run"));
                foreach (var write in run) pipeline.BatchCommands.Add(write.Statement.ToBatchCommand());
                pipeline.BatchCommands.Add(new NpgsqlBatchCommand("RELEASE SAVEPOINT run"));
                await using var reader = await pipeline.ExecuteReaderAsync().ConfigureAwait(false);
                for (var index = 0; index < run.Count; index++)
                {
                    // Which is also why a pipelined write must return rows: one that does not would shift the others.
                    if (index > 0 && !await reader.NextResultAsync().ConfigureAwait(false))
                        throw new InvalidOperationException($"A pipelined write returned no rows: {run[index].Statement.Sql}");
                    await run[index].ReadAsync(reader, CancellationToken.None).ConfigureAwait(false);
                }
            }
            return true;
        }
        catch (Exception error) when (!IsConnectionFailure(error))
        {
            // A statement failed, so the release did not run: back to the savepoint, and the writes go one by one. (A
            // pipelined write without rows is a bug: by then the release ran, this rollback fails, and the batch fails
            // as a whole, acknowledging nothing.)
            await transaction.RollbackAsync("run").ConfigureAwait(false);
            return false;
        }
    }

    private static async Task ExecuteAloneAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresWrite write, List<PostgresWrite> succeeded)
    {
        for (var attempt = 1; ; attempt++)
        {
            await transaction.SaveAsync("w").ConfigureAwait(false);
            try
            {
                await write.ExecuteAsync(connection, transaction, CancellationToken.None).ConfigureAwait(false);
                await transaction.ReleaseAsync("w").ConfigureAwait(false);
                succeeded.Add(write);
                return;
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
                return;
            }
        }
    }

    /// <summary>
    /// A connection with the batch's transaction begun and the cluster's write turn taken. A batch holds the stream
    /// rows it wrote (sequence counters) until it commits; two nodes' batches that took the same rows in different
    /// orders would wait for each other until PostgreSQL breaks the deadlock a second later, failing writes. Taking
    /// turns (one transaction-scoped advisory lock) rules that out; group commit keeps each turn worth many writes.
    /// The same round trip tells whether the pooled connection still reaches the database: after a restart every
    /// pooled connection is dead, and a node that sent nothing meanwhile moves to a fresh one before any write ran.
    /// </summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> BeginBatchAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var connection = await DataSource.OpenConnectionAsync().ConfigureAwait(false);
            try
            {
                var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
                await using var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction);
                turn.Parameters.Add(new() { Value = WriteTurnLockKey });
                await turn.ExecuteNonQueryAsync().ConfigureAwait(false);
                return (connection, transaction);
            }
            catch (Exception error) when (IsConnectionFailure(error) && attempt == 1)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                DataSource.Clear();
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
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
        return CollabException.Unavailable("The database is not reachable right now; nothing was saved. Try again in a moment.").WithKey("Error_Unavailable");
    }

    [LoggerMessage(EventId = 811, Level = LogLevel.Warning, Message = "The database is not reachable")]
    private partial void LogUnavailable(Exception error);

    [LoggerMessage(EventId = 810, Level = LogLevel.Warning, Message = "A batch of {Count} writes failed; none was acknowledged")]
    private partial void LogBatchFailed(Exception error, int count);
}
