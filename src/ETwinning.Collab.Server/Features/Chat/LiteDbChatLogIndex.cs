using System.Collections.Concurrent;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Finds messages of one TwinSpace's chat log by (channel, sequence), and recognises retries by client id.
/// <para>
/// Why it exists: the log is keyed by position, so an append always lands at the end of one index. Any per-message
/// key sorted by channel (the old layout) puts each append in the middle of an index, and with a hundred busy
/// channels every group-commit batch dirtied a hundred index pages: chat managed 3,700 appends/s where the engine
/// does 37,000. So recent messages are found here, in memory, and every <see cref="FlushEvery"/> appends their
/// positions go to the file in blocks of <see cref="BlockSize"/> consecutive sequences of one channel: one small
/// document per channel and block instead of one index entry per message.
/// </para>
/// <para>
/// Retries are recognised within a window: the client ids of the file's last <c>retryWindow</c> messages are kept
/// here. A client retries a send it got no answer for, seconds or minutes later, so the window only has to be
/// longer than any retry; keeping every client id ever used would cost an index entry per message.
/// </para>
/// <para>
/// Everything here is rebuilt from the file: positions up to <see cref="ChatLogState.FlushedThrough"/> are in its
/// blocks, and the tail of the log is scanned. The index is attached to the file (see
/// <see cref="Infrastructure.Storage.DocumentDatabase.Attached{T}"/>), which drops it when a batch rolls back or the
/// file closes. Writes change it, on the file's writer; readers look things up concurrently.
/// </para>
/// </summary>
internal sealed class LiteDbChatLogIndex
{
    public const int FlushEvery = 2_048;
    public const int BlockSize = 64;

    private readonly int _retryWindow;
    private readonly ConcurrentDictionary<(string ChannelId, long Sequence), long> _unflushedPositions = new();
    private readonly ConcurrentDictionary<(string ChannelId, string AuthorId, string ClientMessageId), long> _recentClientIds = new();
    private readonly ConcurrentQueue<((string, string, string) Key, long Position)> _clientIdsByAge = new();
    private readonly ConcurrentDictionary<string, long> _lastSequences = new(StringComparer.Ordinal);
    // Channels never change once stored, apart from their last sequence, which this index tracks itself, and a room
    // channel's member list, which the store replaces here in the same write (Replace); so every
    // send and read need not load the channel (and its member list) from the file again.
    private readonly ConcurrentDictionary<string, ChatChannel> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _flushedLastSequences = new(StringComparer.Ordinal);
    // Writer only: each channel's newest change number, which every append stamps on its message; read from the file
    // once per channel, so an append does not look it up there.
    private readonly Dictionary<string, long> _newestChanges = new(StringComparer.Ordinal);
    private long _nextPosition;
    private readonly CommittedPosition _committed;
    private long _flushedThrough;

    private LiteDbChatLogIndex(long flushedThrough, int retryWindow)
    {
        _flushedThrough = flushedThrough;
        _nextPosition = flushedThrough + 1;
        _committed = new CommittedPosition(flushedThrough);
        _retryWindow = retryWindow;
    }

    /// <summary>The position of the newest message stored (by this writer, possibly not committed yet).</summary>
    public long NewestPosition => Volatile.Read(ref _nextPosition) - 1;

    /// <summary>Appends whose positions are not in the file's blocks yet.</summary>
    public long Unflushed => Volatile.Read(ref _nextPosition) - 1 - Volatile.Read(ref _flushedThrough);

    public static LiteDbChatLogIndex Build(LiteDatabase db, int retryWindow)
    {
        var flushedThrough = States(db).FindById(ChatLogState.SingletonId)?.FlushedThrough ?? 0;
        var index = new LiteDbChatLogIndex(flushedThrough, retryWindow);
        var log = Log(db);
        var newest = log.Find(Query.All(Query.Descending), 0, 1).FirstOrDefault()?.Position ?? 0;
        foreach (var message in log.Find(LiteDbKeyRange.After(Math.Min(flushedThrough, newest - retryWindow))))
            index.Remember(message);
        index._committed.Raise(index._nextPosition - 1);
        return index;
    }

    /// <summary>The log position of a committed or in-batch message, or null.</summary>
    public long? PositionOf(LiteDatabase db, string channelId, long sequence)
    {
        if (sequence < 1) return null;
        if (_unflushedPositions.TryGetValue((channelId, sequence), out var position)) return position;
        var slot = (int)((sequence - 1) % BlockSize);
        return Blocks(db).FindById(ChatLogBlock.KeyOf(channelId, sequence)) is { } block && slot < block.Positions.Count
            ? block.Positions[slot] : null;
    }

    /// <summary>The position of the message an author sent with this client id, if it is within the retry window.</summary>
    public long? PositionOfRetry(ChatMessage draft) =>
        _recentClientIds.TryGetValue((draft.ChannelId, draft.AuthorId, draft.ClientMessageId), out var position) ? position : null;

    /// <summary>The stored channel, from memory after its first load.</summary>
    public ChatChannel? Channel(LiteDatabase db, string channelId)
    {
        if (_channels.TryGetValue(channelId, out var known)) return known;
        var stored = db.GetCollection<ChatChannel>(ChatCollections.Channels).FindById(channelId);
        return stored is null ? null : _channels.GetOrAdd(channelId, stored);
    }

    /// <summary>Writer only: a channel's member list changed in the file (a room's channel follows the room), so the copy in memory follows.</summary>
    public void Replace(ChatChannel channel) => _channels[channel.Id] = channel;

    /// <summary>Writer only: the channel's newest change number (0 before its first change).</summary>
    public long NewestChange(LiteDatabase db, string channelId)
    {
        if (_newestChanges.TryGetValue(channelId, out var known)) return known;
        var newest = NewestStoredChange(db, channelId);
        _newestChanges[channelId] = newest;
        return newest;
    }

    /// <summary>Writer only: a change with this number was stored for the channel.</summary>
    public void RecordChange(string channelId, long number) => _newestChanges[channelId] = number;

    /// <summary>After a write committed, from any thread: messages up to this position are visible to readers.</summary>
    public void MarkCommitted(long position) => _committed.Raise(position);

    /// <summary>
    /// The newest sequence of the channel that readers can see. The channel record has it as of a flush; this index
    /// knows newer ones, possibly of a batch not committed yet, which readers must not be told about.
    /// </summary>
    public long CommittedLastSequence(ChatChannel stored)
    {
        var channelId = stored.Id;
        var flushed = Math.Max(stored.LastSequence, _flushedLastSequences.GetValueOrDefault(channelId));
        var last = LastSequence(channelId, flushed);
        var committed = _committed.Through;
        while (last > flushed && !(_unflushedPositions.TryGetValue((channelId, last), out var position) && position <= committed)) last--;
        return last;
    }

    /// <summary>The channel's newest sequence as far as this index knows, or <paramref name="stored"/> (its value in the file).</summary>
    public long LastSequence(string channelId, long stored) =>
        _lastSequences.TryGetValue(channelId, out var last) ? Math.Max(last, stored) : stored;

    public bool Knows(string channelId) => _lastSequences.ContainsKey(channelId);

    /// <summary>Writer only: starts counting a channel from its last sequence in the file.</summary>
    public void Learn(string channelId, long lastSequence) => _lastSequences.TryAdd(channelId, lastSequence);

    /// <summary>Writer only: the position and sequence for the next message of a known channel.</summary>
    public (long Position, long Sequence) Reserve(string channelId) =>
        (Volatile.Read(ref _nextPosition), _lastSequences[channelId] + 1);

    /// <summary>Writer only: a message was stored at its position (or found in the log while building).</summary>
    public void Remember(ChatMessage message)
    {
        if (message.Position > _flushedThrough) _unflushedPositions[(message.ChannelId, message.Sequence)] = message.Position;
        var clientId = (message.ChannelId, message.AuthorId, message.ClientMessageId);
        _recentClientIds[clientId] = message.Position;
        _clientIdsByAge.Enqueue((clientId, message.Position));
        _lastSequences[message.ChannelId] = Math.Max(message.Sequence, _lastSequences.GetValueOrDefault(message.ChannelId));
        Volatile.Write(ref _nextPosition, Math.Max(_nextPosition, message.Position + 1));
        // The oldest client id leaves the window; the same id reused later has a newer position and stays.
        while (_clientIdsByAge.TryPeek(out var oldest) && oldest.Position <= _nextPosition - 1 - _retryWindow
               && _clientIdsByAge.TryDequeue(out oldest))
            _recentClientIds.TryRemove(new KeyValuePair<(string, string, string), long>(oldest.Key, oldest.Position));
    }

    /// <summary>
    /// Writer only, inside the write's transaction: adds the positions of every message after the last flush to
    /// their channels' blocks, stores the channels' last sequences and the new flush position. Returns what was
    /// flushed; the caller passes it to <see cref="Flushed"/> once the transaction committed.
    /// </summary>
    public ChatLogFlush Flush(LiteDatabase db)
    {
        var from = _flushedThrough;
        var through = _nextPosition - 1;
        var blocks = Blocks(db);
        var fresh = _unflushedPositions.Where(entry => entry.Value > from).OrderBy(entry => entry.Value).ToList();
        foreach (var channel in fresh.GroupBy(entry => entry.Key.ChannelId))
            foreach (var run in channel.GroupBy(entry => ChatLogBlock.KeyOf(channel.Key, entry.Key.Sequence)))
            {
                var block = blocks.FindById(run.Key) ?? new ChatLogBlock { Id = run.Key };
                foreach (var entry in run.OrderBy(entry => entry.Key.Sequence))
                {
                    // Sequences arrive in order and without gaps; anything else means the index is wrong, and the
                    // throw rolls the batch back, which drops this index and rebuilds it from the file.
                    if ((entry.Key.Sequence - 1) % BlockSize != block.Positions.Count)
                        throw new InvalidOperationException($"Chat log block {run.Key} is out of step at sequence {entry.Key.Sequence}.");
                    block.Positions.Add(entry.Value);
                }
                blocks.Upsert(block);
            }
        var channels = db.GetCollection<ChatChannel>(ChatCollections.Channels);
        var lastSequences = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var channelId in fresh.Select(entry => entry.Key.ChannelId).Distinct())
        {
            if (channels.FindById(channelId) is { } channel && channel.LastSequence < _lastSequences[channelId])
                channels.Update(channel with { LastSequence = _lastSequences[channelId] });
            lastSequences[channelId] = _lastSequences[channelId];
        }
        States(db).Upsert(new ChatLogState { Id = ChatLogState.SingletonId, FlushedThrough = through });
        Volatile.Write(ref _flushedThrough, through);
        return new ChatLogFlush(through, lastSequences);
    }

    /// <summary>
    /// After the flush committed, from any thread: readers may now take the flushed last sequences as committed, and
    /// find the flushed positions in the file's blocks instead of here. Not before the commit: a reader told a last
    /// sequence of a batch still being written would page past messages it cannot read yet, and see a gap.
    /// </summary>
    public void Flushed(ChatLogFlush flush)
    {
        foreach (var (channelId, last) in flush.LastSequences)
            _flushedLastSequences.AddOrUpdate(channelId, last, (_, known) => Math.Max(known, last));
        foreach (var entry in _unflushedPositions)
            if (entry.Value <= flush.Through) _unflushedPositions.TryRemove(entry);
    }

    /// <summary>The channel's newest change number in the file: the last key of its range.</summary>
    public static long NewestStoredChange(LiteDatabase db, string channelId) =>
        db.GetCollection<ChatChange>(ChatCollections.Changes).Query()
            .Where(LiteDbKeyRange.Between(ChatChange.KeyOf(channelId, 0), ChatChange.EndOf(channelId)))
            .OrderByDescending("_id").Limit(1).ToList() is [var newest] ? ChatChange.NumberOf(newest.Id) : 0;

    private static ILiteCollection<ChatMessage> Log(LiteDatabase db) => db.GetCollection<ChatMessage>(ChatCollections.Log);

    private static ILiteCollection<ChatLogBlock> Blocks(LiteDatabase db) => db.GetCollection<ChatLogBlock>(ChatCollections.LogBlocks);

    private static ILiteCollection<ChatLogState> States(LiteDatabase db) => db.GetCollection<ChatLogState>(ChatCollections.LogState);
}

/// <summary>What one flush of the chat log index wrote: positions through <paramref name="Through"/>, and each channel's last sequence.</summary>
internal sealed record ChatLogFlush(long Through, IReadOnlyDictionary<string, long> LastSequences);
