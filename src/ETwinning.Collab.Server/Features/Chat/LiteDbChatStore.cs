using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Chat in each TwinSpace's own file, as a log: messages of every channel are stored in the order they arrive,
/// keyed by their position, so appends from a hundred channels touch the end of one index (see
/// <see cref="ChatLogIndex"/> for how messages are found by channel and sequence, and what that buys).
/// Sequences and idempotency are decided inside the write delegate, which runs on the file's single writer inside
/// the batch transaction: whoever sends, from whichever node sharing the store, nothing can interleave between
/// choosing a sequence and storing the message. Reads see committed data only; a message whose batch has not
/// committed yet is simply not there, and since batches commit in order, neither is anything after it.
/// </summary>
public sealed class LiteDbChatStore(DatabaseFiles files, IOptions<ChatOptions> options) : IChatStore
{
    private readonly int _retryWindow = options.Value.RetryWindowMessages;

    /// <summary>Messages are keyed by their log position (see the class comment); the hidden flag is derived.</summary>
    public static void Map(BsonMapper mapper) =>
        mapper.Entity<ChatMessage>().Id(message => message.Position, autoId: false).Ignore(message => message.IsHidden);

    public ChatChannel? FindChannel(string twinSpaceId, string channelId) =>
        ReadLog(twinSpaceId, (db, index) => index.Channel(db, channelId) is { } channel ? WithLastSequence(index, channel) : null);

    public IReadOnlyList<ChatChannel> Channels(string twinSpaceId) =>
        ReadLog(twinSpaceId, (db, index) => Channels(db).FindAll().Select(channel => WithLastSequence(index, channel)).ToList());

    public Task<ChatChannel> AddChannelIfAbsentAsync(string twinSpaceId, ChatChannel channel) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var channels = Channels(db);
            var existing = channels.FindById(channel.Id);
            if (existing is not null) return existing;
            channels.Insert(channel);
            return channel;
        });

    public async Task<ChatAppendResult> AppendAsync(string twinSpaceId, ChatMessage draft)
    {
        var file = files.ForTwinSpace(twinSpaceId);
        var (result, index, flushedThrough) = await file.WriteAsync(db =>
        {
            var index = IndexOf(file, db);
            var log = Log(db);
            if (index.PositionOfRetry(draft) is { } seen)
                return ((ChatAppendResult?)new ChatAppendResult(log.FindById(seen), Duplicate: true), index, (long?)null);
            if (!index.Knows(draft.ChannelId))
            {
                // Refused without throwing: a throw would roll back every other write of the batch.
                if (index.Channel(db, draft.ChannelId) is not { } channel) return (null, index, null);
                index.Learn(draft.ChannelId, channel.LastSequence);
            }
            var (position, sequence) = index.Reserve(draft.ChannelId);
            var message = draft with { Position = position, Sequence = sequence };
            log.Insert(message);
            index.Remember(message);
            if (message.Held) PendingHolds(db).Insert(new PendingHold { Id = position });
            // Authors have read what they wrote: their marker moves in the same write, so it never counts as unread.
            db.GetCollection<ReadMarker>(ChatCollections.ReadMarkers).Upsert(
                new ReadMarker { Id = $"{draft.AuthorId}|{draft.ChannelId}", ChannelId = draft.ChannelId, Sequence = sequence });
            return (new ChatAppendResult(message, Duplicate: false), index, index.Unflushed >= ChatLogIndex.FlushEvery ? index.Flush(db) : null);
        }).ConfigureAwait(false);
        // Committed now: readers may see the message, and the file holds the flushed positions.
        if (result is { Duplicate: false }) index.MarkCommitted(result.Message.Position);
        if (flushedThrough is { } through) index.ForgetThrough(through);
        return result ?? throw CollabException.NotFound("No such channel.").WithKey("NotFound_Channel");
    }

    public ChatMessage? FindMessage(string twinSpaceId, string channelId, long sequence) =>
        ReadLog(twinSpaceId, (db, index) => Find(db, index, channelId, sequence));

    public Task<ChatMessage> UpdateMessageAsync(string twinSpaceId, string channelId, long sequence, Func<ChatMessage, ChatMessage> change)
    {
        var file = files.ForTwinSpace(twinSpaceId);
        return file.WriteAsync(db =>
        {
            var index = IndexOf(file, db);
            var current = Find(db, index, channelId, sequence) ?? throw CollabException.NotFound("No such message.").WithKey("NotFound_Message");
            var changed = change(current);
            if (ReferenceEquals(changed, current)) return changed;
            Log(db).Update(changed);
            if (changed.Held && !current.Held) PendingHolds(db).Upsert(new PendingHold { Id = changed.Position });
            Changes(db).Insert(new ChatChange { ChannelId = channelId, Sequence = sequence, AfterPosition = index.NewestPosition });
            return changed;
        });
    }

    // Sequences have no gaps, so a page is a run of key look-ups: no query planning.
    public IReadOnlyList<ChatMessage> Before(string twinSpaceId, string channelId, long beforeSequence, int limit) =>
        ReadLog(twinSpaceId, (db, index) =>
        {
            var to = Math.Min(beforeSequence - 1, CommittedLastSequence(db, index, channelId));
            return Range(db, index, channelId, Math.Max(1, to - limit + 1), to);
        });

    public IReadOnlyList<ChatMessage> After(string twinSpaceId, string channelId, long afterSequence, int limit) =>
        ReadLog(twinSpaceId, (db, index) =>
            Range(db, index, channelId, Math.Max(1, afterSequence + 1), Math.Min(CommittedLastSequence(db, index, channelId), afterSequence + limit)));

    public IReadOnlyList<ChatMessage>? ChangedSince(string twinSpaceId, string channelId, long afterSequence, int maxChanges) =>
        ReadLog(twinSpaceId, (db, index) =>
        {
            if (Find(db, index, channelId, afterSequence) is not { } known) return [];
            var sequences = new SortedSet<long>();
            var scanned = 0;
            // Newest first, and only as far back as the client's newest message: changes are recorded in order.
            foreach (var change in Changes(db).Find(Query.All(Query.Descending)))
            {
                if (change.AfterPosition < known.Position) break;
                if (++scanned > maxChanges) return null;
                if (change.ChannelId == channelId && change.Sequence <= afterSequence) sequences.Add(change.Sequence);
            }
            return sequences.Select(sequence => Find(db, index, channelId, sequence)).OfType<ChatMessage>().ToList();
        });

    public IReadOnlyList<ChatMessage> PendingHolds(string twinSpaceId) =>
        files.ForTwinSpace(twinSpaceId).Read(db =>
        {
            var log = Log(db);
            return PendingHolds(db).FindAll().Select(hold => log.FindById(hold.Id)).OfType<ChatMessage>().ToList();
        });

    public Task ClearPendingHoldAsync(string twinSpaceId, string channelId, long sequence)
    {
        var file = files.ForTwinSpace(twinSpaceId);
        return file.WriteAsync(db =>
        {
            if (Find(db, IndexOf(file, db), channelId, sequence) is { } message) PendingHolds(db).Delete(message.Position);
        });
    }

    public IReadOnlyDictionary<string, long> ReadMarkers(string twinSpaceId, string accountId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<ReadMarker>(ChatCollections.ReadMarkers)
            .Find(Query.And(Query.GTE("_id", accountId + "|"), Query.LT("_id", accountId + "}")))
            .ToDictionary(marker => marker.ChannelId, marker => marker.Sequence));

    public Task<long> AdvanceReadMarkerAsync(string twinSpaceId, string channelId, string accountId, long sequence) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var markers = db.GetCollection<ReadMarker>(ChatCollections.ReadMarkers);
            var id = $"{accountId}|{channelId}";
            var current = markers.FindById(id);
            if (current is not null && current.Sequence >= sequence) return current.Sequence;
            markers.Upsert(new ReadMarker { Id = id, ChannelId = channelId, Sequence = sequence });
            return sequence;
        });

    private T ReadLog<T>(string twinSpaceId, Func<LiteDatabase, ChatLogIndex, T> read)
    {
        var file = files.ForTwinSpace(twinSpaceId);
        return file.Read(db => read(db, IndexOf(file, db)));
    }

    private ChatLogIndex IndexOf(DocumentDatabase file, LiteDatabase db) => file.Attached(() => ChatLogIndex.Build(db, _retryWindow));

    /// <summary>
    /// The message at (channel, sequence) if it is committed. The position is checked against the message found:
    /// after a rolled-back batch, a reader may still hold the old index, whose newest positions were never stored
    /// or now hold other messages.
    /// </summary>
    private static ChatMessage? Find(LiteDatabase db, ChatLogIndex index, string channelId, long sequence) =>
        index.PositionOf(db, channelId, sequence) is { } position
        && Log(db).FindById(position) is { } message && message.ChannelId == channelId && message.Sequence == sequence
            ? message : null;

    private static long CommittedLastSequence(LiteDatabase db, ChatLogIndex index, string channelId) =>
        index.Channel(db, channelId) is { } channel ? index.CommittedLastSequence(channel) : 0;

    private static ChatChannel WithLastSequence(ChatLogIndex index, ChatChannel channel) =>
        channel with { LastSequence = index.CommittedLastSequence(channel) };

    private static List<ChatMessage> Range(LiteDatabase db, ChatLogIndex index, string channelId, long from, long to)
    {
        var page = new List<ChatMessage>((int)Math.Max(0, to - from + 1));
        for (var sequence = from; sequence <= to; sequence++)
            if (Find(db, index, channelId, sequence) is { } message) page.Add(message);
        return page;
    }

    private static ILiteCollection<ChatChannel> Channels(LiteDatabase db) => db.GetCollection<ChatChannel>(ChatCollections.Channels);

    private static ILiteCollection<ChatMessage> Log(LiteDatabase db) => db.GetCollection<ChatMessage>(ChatCollections.Log);

    private static ILiteCollection<ChatChange> Changes(LiteDatabase db) => db.GetCollection<ChatChange>(ChatCollections.Changes);

    private static ILiteCollection<PendingHold> PendingHolds(LiteDatabase db) => db.GetCollection<PendingHold>(ChatCollections.PendingHolds);

    /// <summary>The log position of a held message whose review item may not be written yet.</summary>
    internal sealed class PendingHold
    {
        public long Id { get; set; }
    }

    internal sealed class ReadMarker
    {
        /// <summary><c>accountId|channelId</c>, so one account's markers are one key range.</summary>
        public string Id { get; set; } = "";
        public string ChannelId { get; set; } = "";
        public long Sequence { get; set; }
    }
}
