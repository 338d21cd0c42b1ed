using System.Text;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Chat in each TwinSpace's own file. Sequences and idempotency are decided inside the write delegate, which runs
/// on the file's single writer inside the batch transaction: whoever sends, from whichever node sharing the
/// store, the read of <see cref="ChatChannel.LastSequence"/> and its increment cannot interleave with another's.
/// </summary>
public sealed class LiteDbChatStore(DatabaseFiles files) : IChatStore
{
    private const string ChannelsCollection = "chat_channels";
    private const string MessagesCollection = "chat_messages";
    private const string ClientIdsCollection = "chat_client_ids";
    private const string ReadMarkersCollection = "chat_read_markers";

    public ChatChannel? FindChannel(string twinSpaceId, string channelId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => Channels(db).FindById(channelId));

    public IReadOnlyList<ChatChannel> Channels(string twinSpaceId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => Channels(db).FindAll().ToList());

    public Task<ChatChannel> AddChannelIfAbsentAsync(string twinSpaceId, ChatChannel channel) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var channels = Channels(db);
            var existing = channels.FindById(channel.Id);
            if (existing is not null) return existing;
            channels.Insert(channel);
            return channel;
        });

    public Task<ChatAppendResult> AppendAsync(string twinSpaceId, ChatMessage draft) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var clientIds = db.GetCollection<ClientIdEntry>(ClientIdsCollection);
            var messages = Messages(db);
            // Hex, because LiteDB compares keys ignoring case by default and "a1" and "A1" are different client ids.
            var clientKey = $"{draft.ChannelId}|{draft.AuthorId}|{Convert.ToHexString(Encoding.UTF8.GetBytes(draft.ClientMessageId))}";
            if (clientIds.FindById(clientKey) is { } seen)
                return new ChatAppendResult(messages.FindById(ChatMessage.KeyOf(draft.ChannelId, seen.Sequence)), Duplicate: true);
            var channels = Channels(db);
            var channel = channels.FindById(draft.ChannelId) ?? throw CollabException.NotFound("No such channel.");
            var sequence = channel.LastSequence + 1;
            channels.Update(channel with { LastSequence = sequence });
            var message = draft with { Id = ChatMessage.KeyOf(draft.ChannelId, sequence), Sequence = sequence };
            messages.Insert(message);
            clientIds.Insert(new ClientIdEntry { Id = clientKey, Sequence = sequence });
            // Authors have read what they wrote: their marker moves in the same write, so it never counts as unread.
            db.GetCollection<ReadMarker>(ReadMarkersCollection).Upsert(
                new ReadMarker { Id = $"{draft.AuthorId}|{draft.ChannelId}", ChannelId = draft.ChannelId, Sequence = sequence });
            return new ChatAppendResult(message, Duplicate: false);
        });

    public ChatMessage? FindMessage(string twinSpaceId, string channelId, long sequence) =>
        files.ForTwinSpace(twinSpaceId).Read(db => Messages(db).FindById(ChatMessage.KeyOf(channelId, sequence)));

    public Task<ChatMessage> UpdateMessageAsync(string twinSpaceId, string channelId, long sequence, Func<ChatMessage, ChatMessage> change) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var messages = Messages(db);
            var current = messages.FindById(ChatMessage.KeyOf(channelId, sequence)) ?? throw CollabException.NotFound("No such message.");
            var changed = change(current);
            if (!ReferenceEquals(changed, current)) messages.Update(changed);
            return changed;
        });

    // Sequences have no gaps, so a page is a run of primary-key look-ups: no query planning, no secondary index.
    public IReadOnlyList<ChatMessage> Before(string twinSpaceId, string channelId, long beforeSequence, int limit) =>
        files.ForTwinSpace(twinSpaceId).Read(db =>
        {
            var last = Channels(db).FindById(channelId)?.LastSequence ?? 0;
            var to = Math.Min(beforeSequence - 1, last);
            var from = Math.Max(1, to - limit + 1);
            return Range(db, channelId, from, to);
        });

    public IReadOnlyList<ChatMessage> After(string twinSpaceId, string channelId, long afterSequence, int limit) =>
        files.ForTwinSpace(twinSpaceId).Read(db =>
        {
            // The channel is read first: every sequence up to its LastSequence was committed with it.
            var last = Channels(db).FindById(channelId)?.LastSequence ?? 0;
            return Range(db, channelId, Math.Max(1, afterSequence + 1), Math.Min(last, afterSequence + limit));
        });

    public IReadOnlyDictionary<string, long> ReadMarkers(string twinSpaceId, string accountId) =>
        files.ForTwinSpace(twinSpaceId).Read(db => db.GetCollection<ReadMarker>(ReadMarkersCollection)
            .Find(Query.And(Query.GTE("_id", accountId + "|"), Query.LT("_id", accountId + "}")))
            .ToDictionary(marker => marker.ChannelId, marker => marker.Sequence));

    public Task<long> AdvanceReadMarkerAsync(string twinSpaceId, string channelId, string accountId, long sequence) =>
        files.ForTwinSpace(twinSpaceId).WriteAsync(db =>
        {
            var markers = db.GetCollection<ReadMarker>(ReadMarkersCollection);
            var id = $"{accountId}|{channelId}";
            var current = markers.FindById(id);
            if (current is not null && current.Sequence >= sequence) return current.Sequence;
            markers.Upsert(new ReadMarker { Id = id, ChannelId = channelId, Sequence = sequence });
            return sequence;
        });

    private static List<ChatMessage> Range(LiteDatabase db, string channelId, long from, long to)
    {
        var messages = Messages(db);
        var page = new List<ChatMessage>((int)Math.Max(0, to - from + 1));
        for (var sequence = from; sequence <= to; sequence++)
            if (messages.FindById(ChatMessage.KeyOf(channelId, sequence)) is { } message) page.Add(message);
        return page;
    }

    private static ILiteCollection<ChatChannel> Channels(LiteDatabase db) => db.GetCollection<ChatChannel>(ChannelsCollection);

    private static ILiteCollection<ChatMessage> Messages(LiteDatabase db) => db.GetCollection<ChatMessage>(MessagesCollection);

    internal sealed class ClientIdEntry
    {
        public string Id { get; set; } = "";
        public long Sequence { get; set; }
    }

    internal sealed class ReadMarker
    {
        /// <summary><c>accountId|channelId</c>, so one account's markers are one key range.</summary>
        public string Id { get; set; } = "";
        public string ChannelId { get; set; } = "";
        public long Sequence { get; set; }
    }
}
