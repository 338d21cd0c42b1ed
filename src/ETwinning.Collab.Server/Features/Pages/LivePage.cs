using ETwinning.Collab.Crdt;
using ETwinning.Collab.Server.Infrastructure.Errors;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// One page in memory: its document, which log entries it holds, who joined it, and its state
/// (<see cref="LivePageState"/>) with every rule of moving between states in this class. Members are used under
/// <see cref="Gate"/> (except <see cref="Loaded"/> and <see cref="TryClaimLoad"/>); the class does no I/O, so the
/// gate is never held while the store is read or written. Times come from the injected <see cref="TimeProvider"/>.
/// </summary>
internal sealed class LivePage(PageKey key, TimeProvider clock)
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(long Sequence, byte[] Update)> _remoteWhileLoading = [];
    /// <summary>Log entries (sequence -> bytes) applied to <see cref="Document"/> and not compacted yet.</summary>
    private readonly Dictionary<long, int> _uncompacted = [];
    private int _loadClaimed;
    /// <summary>An upper bound of the encoded document's size: measured exactly when it matters (near the limit),
    /// plus the bytes of every update applied since.</summary>
    private long _sizeBound;
    private long _lastUsed = clock.GetTimestamp();
    private long _lastEdit;
    /// <summary>Edits since the last automatic version (null: none).</summary>
    private long? _firstUnversionedEdit;
    // Set when an idle page went compacting before unloading; a failed compaction does not keep it loaded forever.
    private bool _compactedForUnload;

    public PageKey Key { get; } = key;
    public Lock Gate { get; } = new();
    public LivePageState State { get; private set; } = LivePageState.Loading;
    /// <summary>Completes when the page left <see cref="LivePageState.Loading"/>; faults when its load failed.</summary>
    public Task Loaded => _loaded.Task;
    public YDoc Document { get; } = new();
    public PageAwareness Awareness { get; } = new();
    public HashSet<string> Connections { get; } = [];
    public long LastSequence { get; private set; }
    /// <summary>The stored snapshot <see cref="Document"/> holds covers the log up to here.</summary>
    public long CompactedThrough { get; private set; }
    public int UncompactedCount => _uncompacted.Count;
    public long LogBytes { get; private set; }

    /// <summary>True for exactly one caller: the one that reads the stored state (no gate needed).</summary>
    public bool TryClaimLoad() => Interlocked.Exchange(ref _loadClaimed, 1) == 0;

    /// <summary>Loading -> Live: the stored state, then whatever other nodes sent meanwhile.</summary>
    public void CompleteLoad(PageDocumentHead? head, IReadOnlyList<PageUpdateRecord> log, ILogger logger)
    {
        if (State != LivePageState.Loading) throw new InvalidOperationException($"A page cannot finish loading in state {State}.");
        if (head is { Snapshot.Length: > 0 }) Document.ApplyUpdate(head.Snapshot);
        _sizeBound = head?.Snapshot.Length ?? 0;
        CompactedThrough = LastSequence = head?.CompactedThrough ?? 0;
        foreach (var entry in log) ApplyLogged(entry.Sequence, entry.Update, logger);
        State = LivePageState.Live;
        foreach (var (sequence, update) in _remoteWhileLoading) ApplyLogged(sequence, update, logger);
        _remoteWhileLoading.Clear();
        _loaded.TrySetResult();
    }

    /// <summary>Loading -> Unloaded: everyone waiting hears why; the next caller starts a fresh page.</summary>
    public void FailLoad(Exception error)
    {
        State = LivePageState.Unloaded;
        _remoteWhileLoading.Clear();
        _loaded.TrySetException(error);
    }

    /// <summary>
    /// Applies a logged update (local, remote or replayed); a sequence already held is skipped. While loading,
    /// updates from other nodes wait and are applied after the stored state.
    /// </summary>
    public void Apply(long sequence, byte[] update, ILogger logger)
    {
        switch (State)
        {
            case LivePageState.Loading: _remoteWhileLoading.Add((sequence, update)); break;
            case LivePageState.Live or LivePageState.Compacting: ApplyLogged(sequence, update, logger); break;
        }
    }

    /// <summary>
    /// Parses a client's update once and checks it against this document before anything is stored: malformed
    /// (<c>invalid</c>), too much integration work or a page over <paramref name="maxDocumentBytes"/>
    /// (<c>too_large</c>), history the page lacks (<c>conflict</c>: the client re-syncs and sends it all).
    /// </summary>
    public YCheckedUpdate Check(byte[] update, YUpdateLimits limits, int maxDocumentBytes)
    {
        YCheckedUpdate checkedUpdate;
        try { checkedUpdate = Document.Check(update, limits); }
        catch (CrdtFormatException) { throw CollabException.Invalid("The update is not a valid Yjs update.").WithKey("Page_UpdateInvalid"); }
        catch (CrdtLimitException error) when (error.Reason == CrdtLimitReason.MissingDependencies)
        {
            throw CollabException.Conflict("The page lacks earlier changes this update builds on; join again with your state vector and send what the server lacks.").WithKey("Page_MissingHistory");
        }
        catch (CrdtLimitException error) { throw CollabException.TooLarge(error.Message).WithKey("Page_TooMuchWork"); }
        if (_sizeBound + update.Length > maxDocumentBytes)
        {
            // Only near the limit is the document encoded to learn its real size (deletions and merging shrink it).
            _sizeBound = Document.EncodeStateAsUpdate().Length;
            if (_sizeBound + update.Length > maxDocumentBytes)
                throw CollabException.TooLarge($"The page is full: it can hold at most {maxDocumentBytes} bytes (it has {_sizeBound}). Delete something first, or start another page.").WithKey("Page_Full", maxDocumentBytes, _sizeBound);
        }
        return checkedUpdate;
    }

    /// <summary>Applies a committed update that <see cref="Check"/> parsed; parsed again only if this page was
    /// reloaded in between (the check belongs to the old document).</summary>
    public void ApplyChecked(long sequence, YCheckedUpdate checkedUpdate, byte[] update, ILogger logger)
    {
        if (State is not (LivePageState.Live or LivePageState.Compacting) || !checkedUpdate.BelongsTo(Document))
        {
            Apply(sequence, update, logger);
            return;
        }
        if (sequence > 0 && (sequence <= CompactedThrough || !_uncompacted.TryAdd(sequence, update.Length))) return;
        Document.ApplyUpdate(checkedUpdate);
        LogBytes += update.Length;
        _sizeBound += update.Length;
        LastSequence = Math.Max(LastSequence, sequence);
    }

    public void Touch() => _lastUsed = clock.GetTimestamp();

    /// <summary>A committed edit on this node: the automatic-version clock starts (or keeps) running.</summary>
    public void Edited()
    {
        var now = clock.GetTimestamp();
        _lastEdit = now;
        _lastUsed = now;
        _firstUnversionedEdit ??= now;
        _compactedForUnload = false;
    }

    /// <summary>Live -> Compacting when the log holds enough entries or bytes; false when not due or already running.</summary>
    public bool TryBeginCompaction(int afterUpdates, long afterBytes)
    {
        if (State != LivePageState.Live || (_uncompacted.Count < afterUpdates && LogBytes < afterBytes)) return false;
        State = LivePageState.Compacting;
        return true;
    }

    /// <summary>Compacting -> Live, whether the compaction succeeded or not (a failed one is retried by a later update).</summary>
    public void EndCompaction()
    {
        if (State == LivePageState.Compacting) State = LivePageState.Live;
    }

    /// <summary>The highest sequence up to which the document holds every log entry (a snapshot may cover that far).</summary>
    public long ContiguousThrough()
    {
        var through = CompactedThrough;
        while (_uncompacted.ContainsKey(through + 1)) through++;
        return through;
    }

    /// <summary>Forgets the entries a compaction moved into the stored snapshot.</summary>
    public void Compacted(long through)
    {
        foreach (var sequence in _uncompacted.Keys.Where(s => s <= through).ToList())
            if (_uncompacted.Remove(sequence, out var bytes)) LogBytes -= bytes;
        CompactedThrough = Math.Max(CompactedThrough, through);
        LastSequence = Math.Max(LastSequence, through);
    }

    /// <summary>
    /// Takes in a snapshot another node stored: it may hold updates this node never saw, and a later snapshot from
    /// this document must hold them too, or replacing the stored one would lose them.
    /// </summary>
    public void AdoptStoredSnapshot(PageDocumentHead head)
    {
        if (head.CompactedThrough <= CompactedThrough) return;
        if (head.Snapshot.Length > 0) Document.ApplyUpdate(head.Snapshot);
        _sizeBound += head.Snapshot.Length;
        Compacted(head.CompactedThrough);
    }

    /// <summary>
    /// The periodic rules: a page quiet for <paramref name="quiet"/> after edits gets an automatic version; a Live
    /// page nobody joined and nobody used for <paramref name="idle"/> goes Unloaded (with a version of its unsaved
    /// edits). Loading and compacting pages stay. An idle page whose log is not empty goes Compacting first
    /// (<see cref="Chores.Compact"/>), once: the next load, and the first use of the TwinSpace file, then read a
    /// snapshot instead of replaying the log (on LiteDB, the file's page log is read whole on first use).
    /// </summary>
    public Chores Housekeep(TimeSpan quiet, TimeSpan idle)
    {
        if (State is LivePageState.Loading or LivePageState.Unloaded) return default;
        var now = clock.GetTimestamp();
        var isQuiet = _firstUnversionedEdit is not null && clock.GetElapsedTime(_lastEdit, now) >= quiet;
        var idleNow = State == LivePageState.Live && Connections.Count == 0 && clock.GetElapsedTime(_lastUsed, now) >= idle;
        var compact = idleNow && _uncompacted.Count > 0 && !_compactedForUnload;
        var unload = idleNow && !compact;
        byte[]? version = null;
        if (isQuiet || (unload && _firstUnversionedEdit is not null))
        {
            version = Document.EncodeStateAsUpdate();
            _firstUnversionedEdit = null;
        }
        if (compact)
        {
            _compactedForUnload = true;
            State = LivePageState.Compacting;
        }
        if (unload) State = LivePageState.Unloaded;
        return new Chores(version, unload, compact);
    }

    private void ApplyLogged(long sequence, byte[] update, ILogger logger)
    {
        if (sequence > 0 && (sequence <= CompactedThrough || !_uncompacted.TryAdd(sequence, update.Length))) return;
        try { Document.ApplyUpdate(update); }
        catch (CrdtFormatException error) { logger.LogError(error, "Stored update {Sequence} of page {PageId} does not parse", sequence, Key.PageId); }
        LogBytes += update.Length;
        _sizeBound += update.Length;
        LastSequence = Math.Max(LastSequence, sequence);
    }

    /// <summary>What housekeeping has to do outside the gate: save <paramref name="Version"/> (if any); the page was
    /// unloaded when <paramref name="Unloaded"/>; compact it (it went Compacting) when <paramref name="Compact"/>,
    /// then ask again.</summary>
    public readonly record struct Chores(byte[]? Version, bool Unloaded, bool Compact = false);
}
