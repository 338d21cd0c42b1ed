using System.Collections.Concurrent;
using System.Threading.Channels;
using LiteDB;

namespace ETwinning.Collab.Server.Infrastructure.Storage;

/// <summary>
/// One LiteDB file with ONE writer. LiteDB v5 can corrupt a file when two threads write to it at once, and a
/// single-insert transaction costs milliseconds while hundreds in one transaction cost microseconds each; so
/// writes queue up here and a writer loop commits whatever has queued in one transaction (group commit).
/// A write's task completes after its batch is durable. Reads run concurrently on committed data.
/// The file opens on first use and <see cref="CloseIfIdle"/> closes it when nobody used it for a while.
/// </summary>
public sealed class DocumentDatabase : IAsyncDisposable
{
    private readonly string _path;
    private readonly IReadOnlyList<string> _collections;
    private readonly int _maxWritesPerBatch;
    private readonly ILogger _logger;
    private readonly BsonMapper _mapper;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new() { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly Task _writerLoop;
    private readonly ConcurrentDictionary<Type, Lazy<object>> _attached = new();
    private LiteDatabase? _database;
    private int _operationsInFlight;
    private long _committedBatches;
    private long _unansweredWrites;
    private long _lastUsedTicks = Environment.TickCount64;

    public DocumentDatabase(string path, int maxWritesPerBatch, ILogger logger, IReadOnlyList<string>? collections = null, BsonMapper? mapper = null)
    {
        _path = path;
        _mapper = mapper ?? StorageMapper.Default;
        _collections = collections ?? [];
        _maxWritesPerBatch = maxWritesPerBatch;
        _logger = logger;
        _writerLoop = Task.Run(RunWriterLoopAsync);
    }

    public string Path => _path;

    /// <summary>True while the file is open (tests and health checks look at this).</summary>
    public bool IsOpen { get { lock (_gate) return _database is not null; } }

    public T Read<T>(Func<LiteDatabase, T> read)
    {
        var database = Acquire();
        try { return read(database); }
        finally { Release(); }
    }

    /// <summary>Queues a write; the task completes when the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> write)
    {
        var pending = new PendingWrite<T>(write);
        Interlocked.Increment(ref _unansweredWrites);
        if (!_queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _unansweredWrites);
            throw new ObjectDisposedException(_path, "The database is shutting down.");
        }
        return pending.Task;
    }

    /// <summary>
    /// For read-through caches (<see cref="ReadThroughCache{TKey, TValue}"/>): a number that changes after every
    /// batch, or null while any write is queued or running. What was read while the stamp stayed the same non-null
    /// value is what the file holds until the stamp changes.
    /// </summary>
    public long? ReadStamp => Volatile.Read(ref _unansweredWrites) == 0 ? Volatile.Read(ref _committedBatches) : null;

    public Task WriteAsync(Action<LiteDatabase> write) => WriteAsync<bool>(database => { write(database); return true; });

    /// <summary>
    /// In-memory state that belongs to this file rather than to one service, such as an index a store keeps next to
    /// the writer: every service instance sharing the file (several nodes in one process, in tests) sees the same
    /// object. It must be rebuildable from the committed file by <paramref name="build"/>, because it is dropped
    /// whenever a batch rolls back (writes of that batch may have changed it before their transaction was undone),
    /// and when the file closes for being idle, so memory follows the files in use.
    /// </summary>
    public T Attached<T>(Func<T> build) where T : class =>
        (T)_attached.GetOrAdd(typeof(T), _ => new Lazy<object>(build, LazyThreadSafetyMode.PublicationOnly)).Value;

    /// <summary>Closes the file if nothing used it for <paramref name="idleFor"/>; it reopens on next use.</summary>
    public bool CloseIfIdle(TimeSpan idleFor)
    {
        lock (_gate)
        {
            var idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - _lastUsedTicks);
            if (_database is null || _operationsInFlight > 0 || idle < idleFor) return false;
            _database.Dispose();
            _database = null;
            _attached.Clear();
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writerLoop.ConfigureAwait(false);
        lock (_gate)
        {
            _database?.Dispose();
            _database = null;
        }
    }

    private LiteDatabase Acquire()
    {
        lock (_gate)
        {
            _database ??= Open();
            _operationsInFlight++;
            _lastUsedTicks = Environment.TickCount64;
            return _database;
        }
    }

    private void Release()
    {
        lock (_gate)
        {
            _operationsInFlight--;
            _lastUsedTicks = Environment.TickCount64;
        }
    }

    private LiteDatabase Open()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
        var database = new LiteDatabase(new ConnectionString { Filename = _path, Connection = ConnectionType.Direct }, _mapper);
        // Under the gate, before anyone else can use the file: see TwinSpaceCollections for why not later.
        foreach (var name in _collections.Where(name => !database.CollectionExists(name)))
        {
            var collection = database.GetCollection(name);
            collection.Insert(new BsonDocument { ["_id"] = "created" });
            collection.Delete("created");
        }
        return database;
    }

    private async Task RunWriterLoopAsync()
    {
        var batch = new List<PendingWrite>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxWritesPerBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
            // No await from here to the end of the batch: a LiteDB transaction belongs to the thread that began it.
            try { CommitBatch(batch); }
            catch (Exception error)
            {
                // Nothing may end this loop: every later write to the file would wait forever.
                _logger.LogError(error, "A batch of {Count} writes to {Path} failed", batch.Count, _path);
                _attached.Clear();
                foreach (var pending in batch) pending.Fail(error);
            }
        }
    }

    private void CommitBatch(List<PendingWrite> batch)
    {
        List<PendingWrite> committed;
        try { committed = CommitOrFail(batch); }
        finally
        {
            // In this order, so a cache that sees no write outstanding also sees the new stamp.
            Interlocked.Increment(ref _committedBatches);
            Interlocked.Add(ref _unansweredWrites, -batch.Count);
        }
        // Acknowledged once the stamp has moved, so a caller that reads its own write at once may keep what it read.
        foreach (var pending in committed) pending.Acknowledge();
    }

    /// <summary>Commits the batch (each write alone if the batch fails), fails what did not commit, returns what did.</summary>
    private List<PendingWrite> CommitOrFail(List<PendingWrite> batch)
    {
        LiteDatabase database;
        try { database = Acquire(); }
        catch (Exception error)
        {
            _logger.LogError(error, "Opening {Path} failed; {Count} writes refused", _path, batch.Count);
            foreach (var pending in batch) pending.Fail(error);
            return [];
        }
        var committed = new List<PendingWrite>(batch.Count);
        try
        {
            if (TryCommit(database, batch)) committed.AddRange(batch);
            // One write of the batch threw and the batch was rolled back: commit each alone so only the faulty one fails.
            else if (batch.Count > 1)
                foreach (var pending in batch)
                    if (TryCommit(database, [pending])) committed.Add(pending);
        }
        // Released before the acknowledgements (in CommitBatch), so a caller that continues at once finds it idle and consistent.
        finally { Release(); }
        return committed;
    }

    private bool TryCommit(LiteDatabase database, List<PendingWrite> writes)
    {
        database.BeginTrans();
        try
        {
            foreach (var pending in writes) pending.Execute(database);
            database.Commit();
            return true;
        }
        catch (Exception error)
        {
            database.Rollback();
            _attached.Clear();
            if (writes.Count == 1) writes[0].Fail(error);
            return false;
        }
    }
}
