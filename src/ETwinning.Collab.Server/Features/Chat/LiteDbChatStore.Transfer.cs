using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Chat;

public sealed partial class LiteDbChatStore : IStoreTransfer
{
    public string Feature => ChatTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var twinSpaceId in files.TwinSpaceIds())
        {
            var file = files.ForTwinSpace(twinSpaceId);
            foreach (var channel in (await ChannelsAsync(twinSpaceId, cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Id, StringComparer.Ordinal))
                yield return new(ChatTransfer.Channel, twinSpaceId, channel);
            // In log order, so each channel's messages come in sequence order, as an import needs them.
            await foreach (var message in LiteDbTransfer.ReadAllAsync<ChatMessage>(file, ChatCollections.Log, cancellationToken).ConfigureAwait(false))
                yield return new(ChatTransfer.Message, twinSpaceId, message with { Position = 0 });
            foreach (var held in await PendingHoldsAsync(twinSpaceId, cancellationToken).ConfigureAwait(false))
                yield return new(ChatTransfer.PendingHold, twinSpaceId, new ChatPendingHoldEntry(held.ChannelId, held.Sequence));
            await foreach (var marker in LiteDbTransfer.ReadAllAsync<ReadMarker>(file, ChatCollections.ReadMarkers, cancellationToken).ConfigureAwait(false))
                yield return new(ChatTransfer.ReadMarker, twinSpaceId,
                    new ChatReadMarkerEntry(marker.Id[..marker.Id.IndexOf('|', StringComparison.Ordinal)], marker.ChannelId, marker.Sequence));
        }
    }

    /// <summary>
    /// Messages go through the file's log index as appends do: a new one takes the next log position, its channel's
    /// sequence must follow the one before it (a transfer exports them in order), its latest change is recorded as the
    /// channel's change of that number, and the index flushes positions to blocks as it does for appends. A message
    /// stored already (an import run again) is replaced at its position.
    /// </summary>
    public async Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default)
    {
        foreach (var twinSpace in batch.GroupBy(record => record.RequireTwinSpace()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = files.ForTwinSpace(twinSpace.Key);
            var (index, flushes) = await file.WriteAsync(db =>
            {
                var index = IndexOf(file, db);
                var flushes = new List<ChatLogFlush>();
                foreach (var record in twinSpace)
                {
                    switch (record.Record)
                    {
                        case ChatChannel channel when record.Kind == ChatTransfer.Channel:
                            Channels(db).Upsert(channel);
                            break;
                        case ChatMessage message when record.Kind == ChatTransfer.Message:
                            ImportMessage(db, index, message);
                            if (index.Unflushed >= LiteDbChatLogIndex.FlushEvery) flushes.Add(index.Flush(db));
                            break;
                        case ChatPendingHoldEntry hold when record.Kind == ChatTransfer.PendingHold:
                            var held = Find(db, index, hold.ChannelId, hold.Sequence)
                                ?? throw new InvalidOperationException($"The held message {hold.ChannelId}/{hold.Sequence} was not imported.");
                            PendingHolds(db).Upsert(new PendingHold { Id = held.Position });
                            break;
                        case ChatReadMarkerEntry marker when record.Kind == ChatTransfer.ReadMarker:
                            db.GetCollection<ReadMarker>(ChatCollections.ReadMarkers).Upsert(
                                new ReadMarker { Id = $"{marker.AccountId}|{marker.ChannelId}", ChannelId = marker.ChannelId, Sequence = marker.Sequence });
                            break;
                        default:
                            throw record.NotOf(Feature);
                    }
                }
                return (index, flushes);
            }).ConfigureAwait(false);
            // Committed now, as after an append: readers may see the messages, and the file holds the flushed positions.
            index.MarkCommitted(index.NewestPosition);
            foreach (var flush in flushes) index.Flushed(flush);
        }
    }

    private static void ImportMessage(LiteDatabase db, LiteDbChatLogIndex index, ChatMessage message)
    {
        var log = Log(db);
        if (Find(db, index, message.ChannelId, message.Sequence) is { } existing)
        {
            log.Update(message with { Position = existing.Position });
        }
        else
        {
            if (message.Sequence > 1 && Find(db, index, message.ChannelId, message.Sequence - 1) is null)
                throw new InvalidOperationException($"Chat message {message.ChannelId}/{message.Sequence} came before the one it follows.");
            var stored = message with { Position = index.NewestPosition + 1 };
            log.Insert(stored);
            index.Remember(stored);
        }
        if (message.LastChange > 0)
        {
            Changes(db).Upsert(new ChatChange { Id = ChatChange.KeyOf(message.ChannelId, message.LastChange), Sequence = message.Sequence });
            index.RecordChange(message.ChannelId, Math.Max(index.NewestChange(db, message.ChannelId), message.LastChange));
        }
    }
}
