using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;
using Microsoft.Extensions.Options;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Chat in each TwinSpace's own file, as a log: messages of every channel are stored in the order they arrive,
/// keyed by their position, so appends from a hundred channels touch the end of one index (see
/// <see cref="LiteDbChatLogIndex"/> for how messages are found by channel and sequence, and what that buys).
/// Sequences, change numbers and idempotency are decided inside the write delegate, which runs on the file's single writer inside
/// the batch transaction: whoever sends, from whichever node sharing the store, nothing can interleave between
/// choosing a sequence and storing the message. Reads see committed data only; a message whose batch has not
/// committed yet is simply not there, and since batches commit in order, neither is anything after it.
/// </summary>
public sealed partial class LiteDbChatStore(DatabaseFiles files, IOptions<ChatOptions> options) : IChatStore
{
    private readonly int _retryWindow = options.Value.RetryWindowMessages;

    /// <summary>Messages are keyed by their log position (see the class comment); the hidden flag is derived.</summary>
    public static void Map(BsonMapper mapper) =>
        mapper.Entity<ChatMessage>().Id(message => message.Position, autoId: false).Ignore(message => message.IsHidden);

    public ValueTask<ChatChannel?> FindChannelAsync(string twinSpaceId, string channelId, CancellationToken cancellationToken = default) =>
        ReadLog(twinSpaceId,
            (db, index) => index.Channel(db, channelId) is { } channel ? WithLastSequence(index, channel) : null, cancellationToken);

    public ValueTask<IReadOnlyList<ChatChannel>> ChannelsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        ReadLog<IReadOnlyList<ChatChannel>>(twinSpaceId,
            (db, index) => Channels(db).FindAll().Select(channel => WithLastSequence(index, channel)).ToList(), cancellationToken);

    public Task<ChatChannel> AddChannelIfAbsentAsync(string twinSpaceId, ChatChannel channel, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var channels = Channels(db);
            var existing = channels.FindById(channel.Id);
            if (existing is not null) return existing;
            channels.Insert(channel);
            return channel;
        });
    }

    public Task<ChatChannel?> SetChannelMembersAsync(
        string twinSpaceId, string channelId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return file.WriteAsync(db =>
        {
            var channels = Channels(db);
            if (channels.FindById(channelId) is not { } existing) return null;
            var stored = existing with { MemberIds = [.. memberIds] };
            channels.Update(stored);
            IndexOf(file, db).Replace(stored);
            return (ChatChannel?)stored;
        });
    }

    public async Task<ChatAppendResult> AppendAsync(string twinSpaceId, ChatMessage draft, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        var (result, index, flush) = await file.WriteAsync(db =>
        {
            var index = IndexOf(file, db);
            var log = Log(db);
            if (index.PositionOfRetry(draft) is { } seen)
                return ((ChatAppendResult?)new ChatAppendResult(log.FindById(seen), Duplicate: true), index, (ChatLogFlush?)null);
            if (!index.Knows(draft.ChannelId))
            {
                // Refused without throwing: a throw would roll back every other write of the batch.
                if (index.Channel(db, draft.ChannelId) is not { } channel) return (null, index, null);
                index.Learn(draft.ChannelId, channel.LastSequence);
            }
            var (position, sequence) = index.Reserve(draft.ChannelId);
            var message = draft with
            {
                Position = position, Sequence = sequence, Version = 1, StoredAfterChange = index.NewestChange(db, draft.ChannelId), LastChange = 0,
            };
            log.Insert(message);
            index.Remember(message);
            if (message.Held) PendingHolds(db).Insert(new PendingHold { Id = position });
            // Authors have read what they wrote: their marker moves in the same write, so it never counts as unread.
            db.GetCollection<ReadMarker>(ChatCollections.ReadMarkers).Upsert(
                new ReadMarker { Id = $"{draft.AuthorId}|{draft.ChannelId}", ChannelId = draft.ChannelId, Sequence = sequence });
            return (new ChatAppendResult(message, Duplicate: false), index, index.Unflushed >= LiteDbChatLogIndex.FlushEvery ? index.Flush(db) : null);
        }).ConfigureAwait(false);
        // Committed now: readers may see the message, and the file holds the flushed positions.
        if (result is { Duplicate: false }) index.MarkCommitted(result.Message.Position);
        if (flush is not null) index.Flushed(flush);
        return result ?? throw CollabException.NotFound("No such channel.").WithKey("NotFound_Channel");
    }

    public ValueTask<ChatMessage?> FindMessageAsync(string twinSpaceId, string channelId, long sequence, CancellationToken cancellationToken = default) =>
        ReadLog(twinSpaceId, (db, index) => Find(db, index, channelId, sequence), cancellationToken);

    public Task<ChatMessage?> TryReplaceMessageAsync(
        string twinSpaceId, ChatMessage replacement, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return file.WriteAsync(db =>
        {
            var index = IndexOf(file, db);
            var current = Find(db, index, replacement.ChannelId, replacement.Sequence);
            if (current is null || current.Version != expectedVersion) return null;
            var change = index.NewestChange(db, current.ChannelId) + 1;
            var stored = replacement with
            {
                Position = current.Position, ClientMessageId = current.ClientMessageId, AuthorId = current.AuthorId,
                AuthorName = current.AuthorName, SentAt = current.SentAt, StoredAfterChange = current.StoredAfterChange,
                Version = current.Version + 1, LastChange = change,
            };
            Log(db).Update(stored);
            if (stored.Held && !current.Held) PendingHolds(db).Upsert(new PendingHold { Id = stored.Position });
            Changes(db).Insert(new ChatChange { Id = ChatChange.KeyOf(stored.ChannelId, change), Sequence = stored.Sequence });
            index.RecordChange(stored.ChannelId, change);
            return (ChatMessage?)stored;
        });
    }

    // Sequences have no gaps, so a page is a run of key look-ups: no query planning.
    public ValueTask<IReadOnlyList<ChatMessage>> BeforeAsync(
        string twinSpaceId, string channelId, long beforeSequence, int limit, CancellationToken cancellationToken = default) =>
        ReadLog<IReadOnlyList<ChatMessage>>(twinSpaceId, (db, index) =>
        {
            var to = Math.Min(beforeSequence - 1, CommittedLastSequence(db, index, channelId));
            return Range(db, index, channelId, Math.Max(1, to - limit + 1), to);
        }, cancellationToken);

    public ValueTask<IReadOnlyList<ChatMessage>> AfterAsync(
        string twinSpaceId, string channelId, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        ReadLog<IReadOnlyList<ChatMessage>>(twinSpaceId, (db, index) =>
            Range(db, index, channelId, Math.Max(1, afterSequence + 1), Math.Min(CommittedLastSequence(db, index, channelId), afterSequence + limit)), cancellationToken);

    public ValueTask<IReadOnlyList<ChatMessage>?> ChangedSinceAsync(
        string twinSpaceId, string channelId, long afterSequence, int maxChanges, CancellationToken cancellationToken = default) =>
        ReadLog<IReadOnlyList<ChatMessage>?>(twinSpaceId, (db, index) =>
        {
            if (Find(db, index, channelId, afterSequence) is not { } known) return [];
            // Change numbers have no gaps, so the count is a subtraction; the file's newest is the committed newest.
            var newest = LiteDbChatLogIndex.NewestStoredChange(db, channelId);
            if (newest - known.StoredAfterChange > maxChanges) return null;
            var sequences = Changes(db)
                .Find(LiteDbKeyRange.Between(ChatChange.KeyOf(channelId, known.StoredAfterChange), ChatChange.EndOf(channelId)))
                .Select(change => change.Sequence).Where(sequence => sequence <= afterSequence).ToHashSet();
            return sequences.Order().Select(sequence => Find(db, index, channelId, sequence)).OfType<ChatMessage>().ToList();
        }, cancellationToken);

    public ValueTask<IReadOnlyList<ChatMessage>> PendingHoldsAsync(string twinSpaceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<ChatMessage>>(files.ForTwinSpace(twinSpaceId).Read(db =>
        {
            var log = Log(db);
            return PendingHolds(db).FindAll().Select(hold => log.FindById(hold.Id)).OfType<ChatMessage>().ToList();
        }));
    }

    public Task ClearPendingHoldAsync(string twinSpaceId, string channelId, long sequence, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return file.WriteAsync(db =>
        {
            if (Find(db, IndexOf(file, db), channelId, sequence) is { } message) PendingHolds(db).Delete(message.Position);
        });
    }

    public ValueTask<IReadOnlyDictionary<string, long>> ReadMarkersAsync(
        string twinSpaceId, string accountId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyDictionary<string, long>>(files.ForTwinSpace(twinSpaceId).Read(db =>
            db.GetCollection<ReadMarker>(ChatCollections.ReadMarkers)
                .Find(LiteDbKeyRange.From(accountId + "|", accountId + "}"))
                .ToDictionary(marker => marker.ChannelId, marker => marker.Sequence)));
    }

    public Task<long> AdvanceReadMarkerAsync(
        string twinSpaceId, string channelId, string accountId, long sequence, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var markers = db.GetCollection<ReadMarker>(ChatCollections.ReadMarkers);
            var id = $"{accountId}|{channelId}";
            var current = markers.FindById(id);
            if (current is not null && current.Sequence >= sequence) return current.Sequence;
            markers.Upsert(new ReadMarker { Id = id, ChannelId = channelId, Sequence = sequence });
            return sequence;
        });
    }

    /// <summary>LiteDB reads are synchronous and short (committed pages, no waiting on the writer): answered inline.</summary>
    private ValueTask<T> ReadLog<T>(string twinSpaceId, Func<LiteDatabase, LiteDbChatLogIndex, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = files.ForTwinSpace(twinSpaceId);
        return ValueTask.FromResult(file.Read(db => read(db, IndexOf(file, db))));
    }

    private LiteDbChatLogIndex IndexOf(DocumentDatabase file, LiteDatabase db) => file.Attached(() => LiteDbChatLogIndex.Build(db, _retryWindow));

    /// <summary>
    /// The message at (channel, sequence) if it is committed. The position is checked against the message found:
    /// after a rolled-back batch, a reader may still hold the old index, whose newest positions were never stored
    /// or now hold other messages.
    /// </summary>
    private static ChatMessage? Find(LiteDatabase db, LiteDbChatLogIndex index, string channelId, long sequence) =>
        index.PositionOf(db, channelId, sequence) is { } position
        && Log(db).FindById(position) is { } message && message.ChannelId == channelId && message.Sequence == sequence
            ? message : null;

    private static long CommittedLastSequence(LiteDatabase db, LiteDbChatLogIndex index, string channelId) =>
        index.Channel(db, channelId) is { } channel ? index.CommittedLastSequence(channel) : 0;

    private static ChatChannel WithLastSequence(LiteDbChatLogIndex index, ChatChannel channel) =>
        channel with { LastSequence = index.CommittedLastSequence(channel) };

    private static List<ChatMessage> Range(LiteDatabase db, LiteDbChatLogIndex index, string channelId, long from, long to)
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
