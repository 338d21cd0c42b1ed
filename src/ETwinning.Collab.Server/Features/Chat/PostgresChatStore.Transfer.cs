using System.Runtime.CompilerServices;
using System.Text.Json;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using static ETwinning.Collab.Server.Infrastructure.Storage.Postgres.PostgresCommands;

namespace ETwinning.Collab.Server.Features.Chat;

public sealed partial class PostgresChatStore : IStoreTransfer
{
    string IStoreTransfer.Feature => ChatTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in database.QueryAllAsync($"SELECT {ChannelColumns}, twin_space_id FROM chat_channels ORDER BY twin_space_id, id",
            row => new StoredRecord(ChatTransfer.Channel, row.GetString(7), ReadChannel(row)), cancellationToken).ConfigureAwait(false))
            yield return record;
        await foreach (var record in database.QueryAllAsync(
            $"SELECT {MessageColumns}, twin_space_id FROM chat_messages ORDER BY twin_space_id, channel_id, sequence",
            row => new StoredRecord(ChatTransfer.Message, row.GetString(17), ReadMessage(row)), cancellationToken).ConfigureAwait(false))
            yield return record;
        await foreach (var record in database.QueryAllAsync(
            "SELECT twin_space_id, channel_id, sequence FROM chat_pending_holds ORDER BY twin_space_id, channel_id, sequence",
            row => new StoredRecord(ChatTransfer.PendingHold, row.GetString(0), new ChatPendingHoldEntry(row.GetString(1), row.GetInt64(2))),
            cancellationToken).ConfigureAwait(false))
            yield return record;
        await foreach (var record in database.QueryAllAsync(
            "SELECT twin_space_id, account_id, channel_id, sequence FROM chat_read_markers ORDER BY twin_space_id, account_id, channel_id",
            row => new StoredRecord(ChatTransfer.ReadMarker, row.GetString(0), new ChatReadMarkerEntry(row.GetString(1), row.GetString(2), row.GetInt64(3))),
            cancellationToken).ConfigureAwait(false))
            yield return record;
    }

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            foreach (var record in batch)
            {
                var twinSpaceId = record.RequireTwinSpace();
                await using var command = record.Record switch
                {
                    ChatChannel channel when record.Kind == ChatTransfer.Channel => Command(connection, transaction, """
                        INSERT INTO chat_channels (twin_space_id, id, kind, title, member_ids, created_by, created_at, last_sequence)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                        ON CONFLICT (twin_space_id, id) DO UPDATE SET kind = excluded.kind, title = excluded.title, member_ids = excluded.member_ids,
                            created_by = excluded.created_by, created_at = excluded.created_at,
                            last_sequence = GREATEST(chat_channels.last_sequence, excluded.last_sequence)
                        """, twinSpaceId, channel.Id, channel.Kind.ToString(), channel.Title, TextArray(channel.MemberIds), channel.CreatedBy,
                        channel.CreatedAt, channel.LastSequence),
                    ChatMessage message when record.Kind == ChatTransfer.Message => Command(connection, transaction, $"""
                        INSERT INTO chat_messages (twin_space_id, {MessageColumns})
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
                        ON CONFLICT (twin_space_id, channel_id, sequence) DO UPDATE SET client_message_id = excluded.client_message_id,
                            author_id = excluded.author_id, author_name = excluded.author_name, text = excluded.text, sent_at = excluded.sent_at,
                            edited_at = excluded.edited_at, edits = excluded.edits, deleted = excluded.deleted, held = excluded.held,
                            hidden_by = excluded.hidden_by, hidden_reason = excluded.hidden_reason, reactions = excluded.reactions,
                            version = excluded.version, stored_after_change = excluded.stored_after_change, last_change = excluded.last_change
                        """, twinSpaceId, message.ChannelId, message.Sequence, message.ClientMessageId, message.AuthorId, message.AuthorName, message.Text,
                        message.SentAt, message.EditedAt, Json(JsonSerializer.Serialize(message.Edits)), message.Deleted, message.Held, message.HiddenBy,
                        message.HiddenReason, Json(JsonSerializer.Serialize(message.Reactions)), message.Version, message.StoredAfterChange, message.LastChange),
                    ChatPendingHoldEntry hold when record.Kind == ChatTransfer.PendingHold => Command(connection, transaction, """
                        INSERT INTO chat_pending_holds (twin_space_id, channel_id, sequence) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING
                        """, twinSpaceId, hold.ChannelId, hold.Sequence),
                    ChatReadMarkerEntry marker when record.Kind == ChatTransfer.ReadMarker => Command(connection, transaction, """
                        INSERT INTO chat_read_markers (twin_space_id, account_id, channel_id, sequence) VALUES ($1, $2, $3, $4)
                        ON CONFLICT (twin_space_id, account_id, channel_id) DO UPDATE SET sequence = excluded.sequence
                        """, twinSpaceId, marker.AccountId, marker.ChannelId, marker.Sequence),
                    _ => throw record.NotOf(ChatTransfer.Feature),
                };
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
            // Each channel's two counters continue after its highest imported sequence and change number (never going back).
            await using var counters = Command(connection, transaction, """
                UPDATE chat_channels c SET last_sequence = GREATEST(c.last_sequence, m.last_sequence), last_change = GREATEST(c.last_change, m.last_change)
                FROM (SELECT twin_space_id, channel_id, max(sequence) AS last_sequence, max(last_change) AS last_change FROM chat_messages
                      WHERE twin_space_id = ANY($1) GROUP BY twin_space_id, channel_id) m
                WHERE c.twin_space_id = m.twin_space_id AND c.id = m.channel_id
                """, TextArray(batch.Select(record => record.RequireTwinSpace()).Distinct()));
            await counters.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);
}
