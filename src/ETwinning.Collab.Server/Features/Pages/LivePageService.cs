using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Encoding;
using ETwinning.Collab.Crdt.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// Live page bodies: the Yjs sync protocol (join with a state vector, updates both ways), awareness, the durable
/// update log (an update is acknowledged and broadcast only after its write committed), compaction into
/// snapshots, loading on first use and unloading when idle, automatic versions after a burst of editing.
/// </summary>
public sealed partial class LivePageService : IDisposable
{
    private readonly ConcurrentDictionary<PageKey, LivePage> _pages = new();
    private readonly ConcurrentDictionary<string, HashSet<PageKey>> _joinedBy = new();
    private readonly PartitionedRateLimiter<string> _awarenessLimiter;
    private readonly IPageStore _store;
    private readonly PageTreeService _tree;
    private readonly IPagesNotifier _notifier;
    private readonly IPageRelay _relay;
    private readonly PagesOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<LivePageService> _logger;

    public LivePageService(IPageStore store, PageTreeService tree, IPagesNotifier notifier, IPageRelay relay,
        IOptions<PagesOptions> options, TimeProvider clock, ILogger<LivePageService> logger)
    {
        _store = store;
        _tree = tree;
        _notifier = notifier;
        _relay = relay;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        var perSecond = _options.AwarenessUpdatesPerSecond;
        _awarenessLimiter = PartitionedRateLimiter.Create<string, string>(connectionId =>
            RateLimitPartition.GetTokenBucketLimiter(connectionId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond * 2, TokensPerPeriod = perSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0, AutoReplenishment = true,
            }));
    }

    /// <summary>How many pages this node holds in memory (for tests, health and the benchmark).</summary>
    public int LoadedPageCount => _pages.Count;

    public bool IsLoaded(string twinSpaceId, string pageId) => _pages.ContainsKey(new PageKey(twinSpaceId, pageId));

    /// <summary>Sync step 1 from the client: returns what it lacks and the server's state vector (sync step 2 both ways).</summary>
    public PageJoinResult Join(MemberContext member, string? pageId, string connectionId, byte[]? stateVector)
    {
        var page = _tree.Visible(member, pageId);
        var key = new PageKey(member.TwinSpaceId, page.Id);
        var result = Use(key, live =>
        {
            byte[] diff;
            try { diff = live.Document.EncodeStateAsUpdate(stateVector ?? []); }
            catch (CrdtFormatException) { throw CollabException.Invalid("The state vector is malformed."); }
            live.Connections.Add(connectionId);
            return new PageJoinResult(page.Id, diff, live.Document.EncodeStateVector(), live.LastSequence,
                PageAccess.CanEdit(member, page) && PageAccess.IsWritable(member), live.EncodeAwareness());
        });
        var joined = _joinedBy.GetOrAdd(connectionId, _ => []);
        lock (joined) joined.Add(key);
        return result;
    }

    /// <summary>The connection leaves the page: its cursors disappear for everyone.</summary>
    public async Task LeaveAsync(string twinSpaceId, string pageId, string connectionId)
    {
        var key = new PageKey(twinSpaceId, pageId);
        if (_joinedBy.TryGetValue(connectionId, out var joined)) lock (joined) joined.Remove(key);
        if (!_pages.TryGetValue(key, out var live)) return;
        byte[]? removal;
        lock (live.Gate)
        {
            live.Connections.Remove(connectionId);
            live.LastUsedTicks = Environment.TickCount64;
            removal = live.RemoveAwarenessOf(connectionId);
        }
        if (removal is not null) await BroadcastAwarenessAsync(key, removal, exceptConnectionId: null).ConfigureAwait(false);
    }

    /// <summary>A closed connection leaves every page it joined.</summary>
    public async Task DisconnectedAsync(string connectionId)
    {
        _awarenessLimiter.AttemptAcquire(connectionId, 0).Dispose();
        if (!_joinedBy.TryRemove(connectionId, out var joined)) return;
        PageKey[] keys;
        lock (joined) keys = [.. joined];
        foreach (var key in keys) await LeaveAsync(key.TwinSpaceId, key.PageId, connectionId).ConfigureAwait(false);
    }

    /// <summary>An update from a client: checked, made durable, acknowledged, broadcast.</summary>
    public async Task<PageUpdateAck> ApplyAsync(MemberContext member, string? pageId, string? connectionId, byte[]? update)
    {
        Require.NotNull(update, "update");
        if (update!.Length > _options.MaxUpdateBytes)
            throw CollabException.TooLarge($"An update can have at most {_options.MaxUpdateBytes} bytes; send smaller ones.");
        var page = _tree.Visible(member, pageId);
        if (!PageAccess.CanEdit(member, page)) throw CollabException.Forbidden("You can read this page but not edit it.");
        if (!PageAccess.IsWritable(member)) throw CollabException.ReadOnly("This TwinSpace is archived: it can be read but not changed.").WithKey("Permission_Archived");
        try { YUpdate.Validate(update); }
        catch (CrdtFormatException) { throw CollabException.Invalid("The update is not a valid Yjs update."); }
        var sequence = await CommitAsync(new PageKey(member.TwinSpaceId, page.Id), update, connectionId).ConfigureAwait(false);
        return new PageUpdateAck(sequence);
    }

    /// <summary>Updates after <paramref name="since"/>; incomplete when older ones were compacted (re-sync then).</summary>
    public PageUpdatesResult UpdatesSince(MemberContext member, string? pageId, long since)
    {
        var page = _tree.Visible(member, pageId);
        var head = _store.Head(member.TwinSpaceId, page.Id);
        var complete = since >= (head?.CompactedThrough ?? 0);
        var updates = complete
            ? _store.Log(member.TwinSpaceId, page.Id, since).Select(u => new PageUpdateEvent(member.TwinSpaceId, page.Id, u.Sequence, u.Update)).ToList()
            : [];
        return new PageUpdatesResult(updates, complete);
    }

    /// <summary>An awareness update from a joined connection: checked, rate limited, recorded, relayed.</summary>
    public async Task AwarenessAsync(MemberContext member, string? pageId, string connectionId, byte[]? update)
    {
        Require.NotNull(update, "update");
        if (update!.Length > _options.MaxAwarenessBytes)
            throw CollabException.TooLarge($"An awareness update can have at most {_options.MaxAwarenessBytes} bytes.");
        var key = new PageKey(member.TwinSpaceId, Require.Id(pageId, "pageId"));
        using (var lease = _awarenessLimiter.AttemptAcquire(connectionId))
            if (!lease.IsAcquired) throw CollabException.RateLimited("Too many cursor updates; slow down a little.").WithKey("RateLimit_Cursor");
        IReadOnlyList<AwarenessClientState> clients;
        try { clients = AwarenessUpdate.Decode(update); }
        catch (CrdtFormatException) { throw CollabException.Invalid("The awareness update is malformed."); }
        if (!_pages.TryGetValue(key, out var live)) throw CollabException.NotFound("Join the page first.");
        // Cursors carry the member's real name: nobody (a pupil least of all) can appear as someone else.
        clients = clients.Select(client => WithMemberName(client, member.Membership.DisplayName)).ToList();
        lock (live.Gate)
        {
            if (!live.Connections.Contains(connectionId)) throw CollabException.NotFound("Join the page first.");
            if (live.ClaimsForeignClient(clients, connectionId)) throw CollabException.Forbidden("That awareness client belongs to another connection.");
            live.RecordAwareness(clients, connectionId);
        }
        await BroadcastAwarenessAsync(key, AwarenessUpdate.Encode(clients), connectionId).ConfigureAwait(false);
    }

    /// <summary>An update another node made durable: keeps this node's copy current (duplicates are harmless).</summary>
    public void ApplyRemoteUpdate(string twinSpaceId, string pageId, long sequence, byte[] update)
    {
        if (!_pages.TryGetValue(new PageKey(twinSpaceId, pageId), out var live)) return;
        lock (live.Gate)
        {
            if (live.IsUnloaded) return;
            live.Apply(sequence, update, _logger);
            // Automatic versions are saved by the node that committed the edit, not once per node.
            live.LastUsedTicks = Environment.TickCount64;
        }
    }

    /// <summary>Awareness from another node: recorded so joins here see those cursors too.</summary>
    public void ApplyRemoteAwareness(string twinSpaceId, string pageId, byte[] update)
    {
        if (!_pages.TryGetValue(new PageKey(twinSpaceId, pageId), out var live)) return;
        IReadOnlyList<AwarenessClientState> clients;
        try { clients = AwarenessUpdate.Decode(update); }
        catch (CrdtFormatException) { return; }
        lock (live.Gate) live.RecordAwareness(clients, connectionId: null);
    }

    /// <summary>Runs <paramref name="read"/> on the page's document (loaded if needed) under its lock.</summary>
    public T Read<T>(string twinSpaceId, string pageId, Func<YDoc, T> read) =>
        Use(new PageKey(twinSpaceId, pageId), live => read(live.Document));

    /// <summary>
    /// A change made by the server (restoring a version): <paramref name="edit"/> runs on a scratch copy of the
    /// current state with a fresh client id; the resulting update goes through the same durable path as a client's.
    /// </summary>
    public async Task<long> EditAsync(string twinSpaceId, string pageId, Action<YDoc> edit)
    {
        var key = new PageKey(twinSpaceId, pageId);
        var scratch = new YDoc();
        scratch.ApplyUpdate(Use(key, live => live.Document.EncodeStateAsUpdate()));
        var produced = new List<byte[]>();
        scratch.Updated += (_, e) => produced.Add(e.Update);
        edit(scratch);
        if (produced.Count == 0) return Use(key, live => live.LastSequence);
        var update = produced.Count == 1 ? produced[0] : YUpdate.Merge([.. produced]);
        return await CommitAsync(key, update, exceptConnectionId: null).ConfigureAwait(false);
    }

    /// <summary>The current body as one update (for versions).</summary>
    public byte[] Snapshot(string twinSpaceId, string pageId) =>
        Use(new PageKey(twinSpaceId, pageId), live => live.Document.EncodeStateAsUpdate());

    /// <summary>Unloads idle pages and saves automatic versions of pages that went quiet; called periodically.</summary>
    public async Task HousekeepAsync()
    {
        var now = Environment.TickCount64;
        var quietMs = _options.AutoVersionQuietSeconds * 1000L;
        var idleMs = _options.IdleUnloadSeconds * 1000L;
        foreach (var live in _pages.Values)
        {
            byte[]? version = null;
            var unload = false;
            lock (live.Gate)
            {
                if (live.IsUnloaded) continue;
                var quiet = live.FirstUnversionedEditTicks is not null && now - live.LastEditTicks >= quietMs;
                unload = live.Connections.Count == 0 && now - live.LastUsedTicks >= idleMs && !live.IsCompacting;
                if (quiet || (unload && live.FirstUnversionedEditTicks is not null))
                {
                    version = live.Document.EncodeStateAsUpdate();
                    live.FirstUnversionedEditTicks = null;
                }
                if (unload)
                {
                    live.IsUnloaded = true;
                    _pages.TryRemove(new KeyValuePair<PageKey, LivePage>(live.Key, live));
                }
            }
            if (version is not null) await SaveAutomaticVersionAsync(live.Key, version).ConfigureAwait(false);
            if (unload) LogUnloaded(live.Key.PageId);
        }
    }

    public void Dispose() => _awarenessLimiter.Dispose();

    private async Task<long> CommitAsync(PageKey key, byte[] update, string? exceptConnectionId)
    {
        // Durable first: the log entry commits (group commit) before anyone hears of the update.
        var sequence = await _store.AppendAsync(key.TwinSpaceId, key.PageId, update, _clock.GetUtcNow().UtcDateTime).ConfigureAwait(false);
        var compact = Use(key, live =>
        {
            live.Apply(sequence, update, _logger);
            MarkEdited(live);
            var due = !live.IsCompacting
                && (live.Uncompacted.Count >= _options.CompactAfterUpdates || live.LogBytes >= _options.CompactAfterBytes);
            if (due) live.IsCompacting = true;
            return due;
        });
        await _notifier.PageUpdatedAsync(new PageUpdateEvent(key.TwinSpaceId, key.PageId, sequence, update), exceptConnectionId).ConfigureAwait(false);
        await _relay.PublishUpdateAsync(key.TwinSpaceId, key.PageId, sequence, update).ConfigureAwait(false);
        if (compact) await CompactAsync(key).ConfigureAwait(false);
        return sequence;
    }

    private async Task CompactAsync(PageKey key)
    {
        if (!_pages.TryGetValue(key, out var live)) return;
        byte[] snapshot;
        long[] sequences;
        lock (live.Gate)
        {
            snapshot = live.Document.EncodeStateAsUpdate();
            sequences = [.. live.Uncompacted.Keys];
        }
        try
        {
            await _store.CompactAsync(key.TwinSpaceId, key.PageId, snapshot, sequences).ConfigureAwait(false);
            lock (live.Gate) live.Compacted(sequences);
            LogCompacted(key.PageId, sequences.Length, snapshot.Length);
        }
        catch (Exception error)
        {
            // The log is intact (the write rolled back); the next update tries again.
            LogCompactionFailed(error, key.PageId);
        }
        finally
        {
            lock (live.Gate) live.IsCompacting = false;
        }
    }

    private async Task SaveAutomaticVersionAsync(PageKey key, byte[] content)
    {
        try
        {
            await _store.AddAutomaticVersionAsync(key.TwinSpaceId, new PageVersion
            {
                Id = Ids.New(), PageId = key.PageId, IsAutomatic = true, CreatedAt = _clock.GetUtcNow().UtcDateTime, Content = content,
            }, _options.MaxAutomaticVersionsPerPage).ConfigureAwait(false);
        }
        catch (Exception error) { LogVersionFailed(error, key.PageId); }
    }

    private async Task BroadcastAwarenessAsync(PageKey key, byte[] update, string? exceptConnectionId)
    {
        await _notifier.PageAwarenessAsync(new PageAwarenessEvent(key.TwinSpaceId, key.PageId, update), exceptConnectionId).ConfigureAwait(false);
        await _relay.PublishAwarenessAsync(key.TwinSpaceId, key.PageId, update).ConfigureAwait(false);
    }

    /// <summary>Sets <c>user.name</c> of an awareness state (y-prosemirror shows it at the cursor) to the member's name.</summary>
    private static AwarenessClientState WithMemberName(AwarenessClientState client, string displayName)
    {
        if (client.IsRemoved || client.ParseState() is not IReadOnlyDictionary<string, object?> state) return client;
        var user = state.TryGetValue("user", out var value) && value is IReadOnlyDictionary<string, object?> given
            ? new Dictionary<string, object?>(given) : [];
        user["name"] = displayName;
        var named = new Dictionary<string, object?>(state) { ["user"] = user };
        return client with { StateJson = JsJson.Stringify(named) };
    }

    private static void MarkEdited(LivePage live)
    {
        var now = Environment.TickCount64;
        live.LastEditTicks = now;
        live.LastUsedTicks = now;
        live.FirstUnversionedEditTicks ??= now;
    }

    /// <summary>Runs <paramref name="action"/> under the page's lock, loading it first; retries if it was just unloaded.</summary>
    private T Use<T>(PageKey key, Func<LivePage, T> action)
    {
        while (true)
        {
            var live = _pages.GetOrAdd(key, k => new LivePage(k));
            lock (live.Gate)
            {
                if (live.IsUnloaded) continue;
                if (!live.IsLoaded)
                {
                    live.EnsureLoaded(_store, _logger);
                    LogLoaded(key.PageId, live.LastSequence);
                }
                live.LastUsedTicks = Environment.TickCount64;
                return action(live);
            }
        }
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "Loaded page {PageId} at sequence {Sequence}")]
    private partial void LogLoaded(string pageId, long sequence);

    [LoggerMessage(EventId = 701, Level = LogLevel.Debug, Message = "Unloaded idle page {PageId}")]
    private partial void LogUnloaded(string pageId);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "Compacted {Count} updates of page {PageId} into a snapshot of {Bytes} bytes")]
    private partial void LogCompacted(string pageId, int count, int bytes);

    [LoggerMessage(EventId = 703, Level = LogLevel.Error, Message = "Compacting page {PageId} failed; its log is kept")]
    private partial void LogCompactionFailed(Exception error, string pageId);

    [LoggerMessage(EventId = 704, Level = LogLevel.Error, Message = "Saving an automatic version of page {PageId} failed")]
    private partial void LogVersionFailed(Exception error, string pageId);
}
