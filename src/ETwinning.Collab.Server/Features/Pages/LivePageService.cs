using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Crdt;
using ETwinning.Collab.Crdt.Encoding;
using ETwinning.Collab.Crdt.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;
using ETwinning.Collab.Server.Infrastructure;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Metrics;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Pages;

/// <summary>
/// Live page bodies: the Yjs sync protocol (join with a state vector, updates both ways), awareness, the durable
/// update log (an update is acknowledged and broadcast only after its write committed), compaction into
/// snapshots, loading on first use and unloading when idle, automatic versions after a burst of editing.
/// Each page's state and rules are in <see cref="LivePage"/>, its cursors in <see cref="PageAwareness"/>, the
/// folding of its log in <see cref="PageCompactor"/>; this class does the I/O around them, never under a page's gate.
/// </summary>
public sealed partial class LivePageService : IDisposable
{
    /// <summary>A load that raced with a compaction on another node reads again; past this, it keeps what it read.</summary>
    private const int MaxLoadAttempts = 3;

    private readonly ConcurrentDictionary<PageKey, LivePage> _pages = new();
    private readonly Func<PageKey, LivePage> _newPage;
    private readonly PartitionedRateLimiter<string> _awarenessLimiter;
    private readonly IPageStore _store;
    private readonly PageTreeService _tree;
    private readonly PageCompactor _compactor;
    private readonly IPagesNotifier _notifier;
    private readonly IPageRelay _relay;
    private readonly PagesOptions _options;
    private readonly YUpdateLimits _limits;
    private readonly TimeProvider _clock;
    private readonly ILogger<LivePageService> _logger;

    public LivePageService(IPageStore store, PageTreeService tree, PageCompactor compactor, IPagesNotifier notifier, IPageRelay relay,
        IOptions<PagesOptions> options, TimeProvider clock, ILogger<LivePageService> logger)
    {
        _store = store;
        _tree = tree;
        _compactor = compactor;
        _notifier = notifier;
        _relay = relay;
        _options = options.Value;
        // The server has every update it acknowledged: one that needs more is a client out of sync, not one to keep pending.
        _limits = new YUpdateLimits { MaxConflictSteps = _options.MaxConflictStepsPerUpdate, RefuseMissingDependencies = true };
        _clock = clock;
        _logger = logger;
        _newPage = key => new LivePage(key, _clock);
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
    public async Task<PageJoinResult> JoinAsync(MemberContext member, string? pageId, string connectionId, byte[]? stateVector,
        CancellationToken cancellationToken = default)
    {
        var page = await _tree.VisibleAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        var key = new PageKey(member.TwinSpaceId, page.Id);
        var result = await UseAsync(key, live =>
        {
            byte[] diff;
            try { diff = live.Document.EncodeStateAsUpdate(stateVector ?? []); }
            catch (CrdtFormatException) { throw CollabException.Invalid("The state vector is malformed.").WithKey("Page_StateVectorMalformed"); }
            live.Connections.Add(connectionId);
            return new PageJoinResult(page.Id, diff, live.Document.EncodeStateVector(), live.LastSequence,
                PageAccess.CanEdit(member, page) && PageAccess.IsWritable(member), live.Awareness.Encode());
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// The connection leaves the page (asked, closed or evicted: <see cref="LivePageConnections"/> hears of each from
    /// the connection registry, which is the one record of who joined what): its cursors disappear for everyone.
    /// </summary>
    public async Task LeaveAsync(string twinSpaceId, string pageId, string connectionId)
    {
        var key = new PageKey(twinSpaceId, pageId);
        if (!_pages.TryGetValue(key, out var live)) return;
        byte[]? removal;
        lock (live.Gate)
        {
            live.Connections.Remove(connectionId);
            live.Touch();
            removal = live.Awareness.RemoveConnection(connectionId);
        }
        if (removal is not null) await BroadcastAwarenessAsync(key, removal, exceptConnectionId: null).ConfigureAwait(false);
    }

    /// <summary>An update from a client: checked, made durable, acknowledged, broadcast.</summary>
    public async Task<PageUpdateAck> ApplyAsync(MemberContext member, string? pageId, string? connectionId, byte[]? update,
        CancellationToken cancellationToken = default)
    {
        Require.NotNull(update, "update");
        if (update!.Length > _options.MaxUpdateBytes)
            throw CollabException.TooLarge($"An update can have at most {_options.MaxUpdateBytes} bytes; send smaller ones.").WithKey("Page_UpdateTooLarge", _options.MaxUpdateBytes);
        var page = await _tree.VisibleAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        if (!PageAccess.CanEdit(member, page)) throw CollabException.Forbidden("You can read this page but not edit it.").WithKey("Page_ReadNotEdit");
        if (!PageAccess.IsWritable(member)) throw CollabException.ReadOnly("This TwinSpace is archived: it can be read but not changed.").WithKey("Permission_Archived");
        var sequence = await CommitAsync(new PageKey(member.TwinSpaceId, page.Id), update, connectionId, cancellationToken).ConfigureAwait(false);
        CollabMetrics.PageUpdates.Add(1);
        return new PageUpdateAck(sequence);
    }

    /// <summary>Updates after <paramref name="since"/>; incomplete when older ones were compacted (re-sync then).</summary>
    public async Task<PageUpdatesResult> UpdatesSinceAsync(MemberContext member, string? pageId, long since, CancellationToken cancellationToken = default)
    {
        var page = await _tree.VisibleAsync(member, pageId, cancellationToken).ConfigureAwait(false);
        var head = await _store.HeadAsync(member.TwinSpaceId, page.Id, cancellationToken).ConfigureAwait(false);
        var complete = since >= (head?.CompactedThrough ?? 0);
        var updates = complete
            ? (await _store.LogAsync(member.TwinSpaceId, page.Id, since, cancellationToken).ConfigureAwait(false))
                .Select(u => new PageUpdateEvent(member.TwinSpaceId, page.Id, u.Sequence, u.Update)).ToList()
            : [];
        return new PageUpdatesResult(updates, complete);
    }

    /// <summary>An awareness update from a joined connection: checked, rate limited, recorded, relayed.</summary>
    public async Task AwarenessAsync(MemberContext member, string? pageId, string connectionId, byte[]? update)
    {
        Require.NotNull(update, "update");
        if (update!.Length > _options.MaxAwarenessBytes)
            throw CollabException.TooLarge($"An awareness update can have at most {_options.MaxAwarenessBytes} bytes.").WithKey("Page_AwarenessTooLarge", _options.MaxAwarenessBytes);
        var key = new PageKey(member.TwinSpaceId, Require.Id(pageId, "pageId"));
        using (var lease = _awarenessLimiter.AttemptAcquire(connectionId))
            if (!lease.IsAcquired) throw CollabException.RateLimited("Too many cursor updates; slow down a little.").WithKey("RateLimit_Cursor");
        IReadOnlyList<AwarenessClientState> clients;
        try { clients = AwarenessUpdate.Decode(update); }
        catch (CrdtFormatException) { throw CollabException.Invalid("The awareness update is malformed.").WithKey("Page_AwarenessMalformed"); }
        if (!_pages.TryGetValue(key, out var live)) throw CollabException.NotFound("Join the page first.").WithKey("Page_JoinFirst");
        // Cursors carry the member's real name: nobody (a pupil least of all) can appear as someone else.
        clients = clients.Select(client => WithMemberName(client, member.Membership.DisplayName)).ToList();
        lock (live.Gate)
        {
            if (!live.Connections.Contains(connectionId)) throw CollabException.NotFound("Join the page first.").WithKey("Page_JoinFirst");
            if (live.Awareness.ClaimsForeignClient(clients, connectionId)) throw CollabException.Forbidden("That awareness client belongs to another connection.").WithKey("Page_ForeignAwareness");
            live.Awareness.Record(clients, connectionId);
        }
        await BroadcastAwarenessAsync(key, AwarenessUpdate.Encode(clients), connectionId).ConfigureAwait(false);
    }

    /// <summary>An update another node made durable: keeps this node's copy current (duplicates are harmless).</summary>
    public void ApplyRemoteUpdate(string twinSpaceId, string pageId, long sequence, byte[] update)
    {
        if (!_pages.TryGetValue(new PageKey(twinSpaceId, pageId), out var live)) return;
        lock (live.Gate)
        {
            // Queued while the page loads; dropped once it is unloaded (the store has it).
            live.Apply(sequence, update, _logger);
            // Automatic versions are saved by the node that committed the edit, not once per node.
            live.Touch();
        }
    }

    /// <summary>Awareness from another node: recorded so joins here see those cursors too.</summary>
    public void ApplyRemoteAwareness(string twinSpaceId, string pageId, byte[] update)
    {
        if (!_pages.TryGetValue(new PageKey(twinSpaceId, pageId), out var live)) return;
        IReadOnlyList<AwarenessClientState> clients;
        try { clients = AwarenessUpdate.Decode(update); }
        catch (CrdtFormatException) { return; }
        lock (live.Gate) live.Awareness.Record(clients, connectionId: null);
    }

    /// <summary>Runs <paramref name="read"/> on the page's document (loaded if needed) under its lock.</summary>
    public ValueTask<T> ReadAsync<T>(string twinSpaceId, string pageId, Func<YDoc, T> read, CancellationToken cancellationToken = default) =>
        UseAsync(new PageKey(twinSpaceId, pageId), live => read(live.Document), cancellationToken);

    /// <summary>
    /// A change made by the server (restoring a version): <paramref name="edit"/> runs on a scratch copy of the
    /// current state with a fresh client id; the resulting update goes through the same durable path as a client's.
    /// </summary>
    public async Task<long> EditAsync(string twinSpaceId, string pageId, Action<YDoc> edit, CancellationToken cancellationToken = default)
    {
        var key = new PageKey(twinSpaceId, pageId);
        var scratch = new YDoc();
        scratch.ApplyUpdate(await UseAsync(key, live => live.Document.EncodeStateAsUpdate(), cancellationToken).ConfigureAwait(false));
        var produced = new List<byte[]>();
        scratch.Updated += (_, e) => produced.Add(e.Update);
        edit(scratch);
        if (produced.Count == 0) return await UseAsync(key, live => live.LastSequence, cancellationToken).ConfigureAwait(false);
        var update = produced.Count == 1 ? produced[0] : YUpdate.Merge([.. produced]);
        return await CommitAsync(key, update, exceptConnectionId: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The current body as one update (for versions).</summary>
    public ValueTask<byte[]> SnapshotAsync(string twinSpaceId, string pageId, CancellationToken cancellationToken = default) =>
        UseAsync(new PageKey(twinSpaceId, pageId), live => live.Document.EncodeStateAsUpdate(), cancellationToken);

    /// <summary>Unloads idle pages and saves automatic versions of pages that went quiet; called periodically.</summary>
    public async Task HousekeepAsync(CancellationToken cancellationToken = default)
    {
        var quiet = TimeSpan.FromSeconds(_options.AutoVersionQuietSeconds);
        var idle = TimeSpan.FromSeconds(_options.IdleUnloadSeconds);
        foreach (var live in _pages.Values)
        {
            LivePage.Chores chores;
            do
            {
                lock (live.Gate)
                {
                    chores = live.Housekeep(quiet, idle);
                    if (chores.Unloaded) _pages.TryRemove(new KeyValuePair<PageKey, LivePage>(live.Key, live));
                }
                if (chores.Version is not null) await SaveAutomaticVersionAsync(live.Key, chores.Version, cancellationToken).ConfigureAwait(false);
                if (chores.Unloaded) LogUnloaded(live.Key.PageId);
                // An idle page's log is folded into its snapshot before it unloads (asked again right after).
                if (chores.Compact) await _compactor.CompactAsync(live, CancellationToken.None).ConfigureAwait(false);
            }
            while (chores.Compact);
        }
    }

    public void Dispose() => _awarenessLimiter.Dispose();

    private async Task<long> CommitAsync(PageKey key, byte[] update, string? exceptConnectionId, CancellationToken cancellationToken)
    {
        // Parsed once and checked against the page (format, work, size, missing history) before anything is stored.
        var checkedUpdate = await UseAsync(key, live => live.Check(update, _limits, _options.MaxDocumentBytes), cancellationToken).ConfigureAwait(false);
        // Durable first: the log entry commits (group commit) before anyone hears of the update.
        var sequence = await _store.AppendAsync(key.TwinSpaceId, key.PageId, update, _clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        // Past the append nothing is cancelled: the update is durable, and every node and editor must hear of it.
        var compact = await UseAsync(key, live =>
        {
            live.ApplyChecked(sequence, checkedUpdate, update, _logger);
            live.Edited();
            return live.TryBeginCompaction(_options.CompactAfterUpdates, _options.CompactAfterBytes) ? live : null;
        }, CancellationToken.None).ConfigureAwait(false);
        await _notifier.PageUpdatedAsync(new PageUpdateEvent(key.TwinSpaceId, key.PageId, sequence, update), exceptConnectionId).ConfigureAwait(false);
        await _relay.PublishUpdateAsync(key.TwinSpaceId, key.PageId, sequence, update).ConfigureAwait(false);
        if (compact is not null) await _compactor.CompactAsync(compact, CancellationToken.None).ConfigureAwait(false);
        return sequence;
    }

    private async Task SaveAutomaticVersionAsync(PageKey key, byte[] content, CancellationToken cancellationToken)
    {
        try
        {
            await _store.AddAutomaticVersionAsync(key.TwinSpaceId, new PageVersion
            {
                Id = Ids.New(), PageId = key.PageId, IsAutomatic = true, CreatedAt = _clock.GetUtcNow().UtcDateTime, Content = content,
            }, _options.MaxAutomaticVersionsPerPage, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Runs <paramref name="action"/> under the page's gate once the page is loaded. The first caller loads it (outside
    /// the gate); the others wait for that load. A page unloaded meanwhile is fetched anew.
    /// </summary>
    private async ValueTask<T> UseAsync<T>(PageKey key, Func<LivePage, T> action, CancellationToken cancellationToken)
    {
        while (true)
        {
            var live = _pages.GetOrAdd(key, _newPage);
            if (!live.Loaded.IsCompletedSuccessfully)
            {
                if (live.TryClaimLoad()) await LoadAsync(live).ConfigureAwait(false);
                await live.Loaded.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            lock (live.Gate)
            {
                if (live.State == LivePageState.Unloaded) continue;
                live.Touch();
                return action(live);
            }
        }
    }

    /// <summary>Reads the stored state without holding the gate; joiners wait on <see cref="LivePage.Loaded"/>. The load
    /// is shared by every waiter, so no single caller's cancellation stops it.</summary>
    private async Task LoadAsync(LivePage live)
    {
        var key = live.Key;
        try
        {
            PageDocumentHead? head;
            IReadOnlyList<PageUpdateRecord> log;
            var attempt = 0;
            while (true)
            {
                head = await _store.HeadAsync(key.TwinSpaceId, key.PageId).ConfigureAwait(false);
                var compactedThrough = head?.CompactedThrough ?? 0;
                log = await _store.LogAsync(key.TwinSpaceId, key.PageId, compactedThrough).ConfigureAwait(false);
                // A compaction between the two reads deleted entries the snapshot read first does not hold: read again.
                if (++attempt >= MaxLoadAttempts || (log.Count > 0 ? log[0].Sequence == compactedThrough + 1 : await UnchangedAsync(key, compactedThrough).ConfigureAwait(false)))
                    break;
            }
            long sequence;
            lock (live.Gate)
            {
                live.CompleteLoad(head, log, _logger);
                sequence = live.LastSequence;
            }
            LogLoaded(key.PageId, sequence);
        }
        catch (Exception error)
        {
            lock (live.Gate) live.FailLoad(error);
            _pages.TryRemove(new KeyValuePair<PageKey, LivePage>(key, live));
        }
    }

    private async Task<bool> UnchangedAsync(PageKey key, long compactedThrough) =>
        ((await _store.HeadAsync(key.TwinSpaceId, key.PageId).ConfigureAwait(false))?.CompactedThrough ?? 0) == compactedThrough;

    [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "Loaded page {PageId} at sequence {Sequence}")]
    private partial void LogLoaded(string pageId, long sequence);

    [LoggerMessage(EventId = 701, Level = LogLevel.Debug, Message = "Unloaded idle page {PageId}")]
    private partial void LogUnloaded(string pageId);

    [LoggerMessage(EventId = 704, Level = LogLevel.Error, Message = "Saving an automatic version of page {PageId} failed")]
    private partial void LogVersionFailed(Exception error, string pageId);
}
