using System.Data.Common;
using System.Text.Json;
using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;
using static ETwinning.Collab.Server.Infrastructure.Storage.Postgres.PostgresCommands;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Chat in the cluster's shared database. Each channel row carries the channel's two counters (message sequence and
/// change number); an append or a replacement moves its counter with <c>UPDATE ... RETURNING</c> in the same
/// statement that stores the message, inside the engine's batch transaction, so the row lock orders every writer on
/// every node, and a write that rolls back gives its number back: no duplicate, no gap. An append is one statement
/// (one round trip), which is what lets the engine's group commit carry thousands of messages per second.
/// Retries are recognised by a unique index on (channel, author, client id): on every node, and for as long as the
/// message exists (a wider window than <see cref="ChatOptions.RetryWindowMessages"/>, which the embedded store needs
/// to keep its index in memory).
/// </summary>
public sealed partial class PostgresChatStore(PostgresDatabase database) : IChatStore
{
    public const string Feature = "chat";

    /// <summary>
    /// Changes need no table of their own: a message's <c>last_change</c> is its latest change number, and a message
    /// changed after change N exactly when its latest change is above N (<see cref="ChangedSinceAsync"/>).
    /// </summary>
    public static readonly PostgresMigration[] Migrations =
    [
        new(Feature, 1, """
            CREATE TABLE chat_channels (
                twin_space_id text NOT NULL,
                id text NOT NULL,
                kind text NOT NULL,
                title text NOT NULL,
                member_ids text[] NOT NULL,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL,
                last_sequence bigint NOT NULL DEFAULT 0,
                last_change bigint NOT NULL DEFAULT 0,
                PRIMARY KEY (twin_space_id, id));
            CREATE TABLE chat_messages (
                twin_space_id text NOT NULL,
                channel_id text NOT NULL,
                sequence bigint NOT NULL,
                client_message_id text NOT NULL,
                author_id text NOT NULL,
                author_name text NOT NULL,
                text text NOT NULL,
                sent_at timestamptz NOT NULL,
                edited_at timestamptz,
                edits jsonb NOT NULL,
                deleted boolean NOT NULL,
                held boolean NOT NULL,
                hidden_by text,
                hidden_reason text,
                reactions jsonb NOT NULL,
                version bigint NOT NULL,
                stored_after_change bigint NOT NULL,
                last_change bigint NOT NULL,
                PRIMARY KEY (twin_space_id, channel_id, sequence),
                UNIQUE (twin_space_id, channel_id, author_id, client_message_id));
            CREATE INDEX chat_messages_changed ON chat_messages (twin_space_id, channel_id, last_change) WHERE last_change > 0;
            CREATE TABLE chat_pending_holds (
                twin_space_id text NOT NULL,
                channel_id text NOT NULL,
                sequence bigint NOT NULL,
                PRIMARY KEY (twin_space_id, channel_id, sequence));
            CREATE TABLE chat_read_markers (
                twin_space_id text NOT NULL,
                account_id text NOT NULL,
                channel_id text NOT NULL,
                sequence bigint NOT NULL,
                PRIMARY KEY (twin_space_id, account_id, channel_id));
            """),
    ];

    // An append that lost a race with the same client id on another node retries once it can see the winner.
    private const int MaxAppendAttempts = 3;
    private const string UniqueViolation = "23505";

    private const string MessageColumns = """
        channel_id, sequence, client_message_id, author_id, author_name, text, sent_at, edited_at, edits, deleted, held,
        hidden_by, hidden_reason, reactions, version, stored_after_change, last_change
        """;

    private const string ChannelColumns = "id, kind, title, member_ids, created_by, created_at, last_sequence";

    // The retry is looked up first so it takes no number. A retry racing on another node gets past that look-up,
    // waits for the channel row, and then fails on the unique index: the write rolls back (giving its number back)
    // and is sent again, when the look-up finds the winner. No row back means no such channel.
    private const string AppendSql = $"""
        WITH existing AS (
            SELECT {MessageColumns} FROM chat_messages
            WHERE twin_space_id = $1 AND channel_id = $2 AND author_id = $3 AND client_message_id = $4),
        counter AS (
            UPDATE chat_channels SET last_sequence = last_sequence + 1
            WHERE twin_space_id = $1 AND id = $2 AND NOT EXISTS (SELECT 1 FROM existing)
            RETURNING last_sequence, last_change),
        inserted AS (
            INSERT INTO chat_messages (twin_space_id, channel_id, sequence, client_message_id, author_id, author_name, text, sent_at,
                edited_at, edits, deleted, held, hidden_by, hidden_reason, reactions, version, stored_after_change, last_change)
            SELECT $1, $2, counter.last_sequence, $4, $3, $5, $6, $7, $8::timestamptz, $9::jsonb, $10, $11, $12::text, $13::text, $14::jsonb,
                1, counter.last_change, 0
            FROM counter
            RETURNING {MessageColumns}),
        marker AS (
            INSERT INTO chat_read_markers (twin_space_id, account_id, channel_id, sequence)
            SELECT $1, $3, $2, sequence FROM inserted
            ON CONFLICT (twin_space_id, account_id, channel_id) DO UPDATE SET sequence = GREATEST(chat_read_markers.sequence, excluded.sequence)),
        hold AS (
            INSERT INTO chat_pending_holds (twin_space_id, channel_id, sequence) SELECT $1, $2, sequence FROM inserted WHERE held)
        SELECT true, {MessageColumns} FROM existing
        UNION ALL
        SELECT false, {MessageColumns} FROM inserted
        """;

    // The row lock on the message (FOR UPDATE) makes a replacement on another node wait, then see the new version.
    private const string ReplaceSql = $"""
        WITH current_message AS (
            SELECT held FROM chat_messages
            WHERE twin_space_id = $1 AND channel_id = $2 AND sequence = $3 AND version = $4
            FOR UPDATE),
        change AS (
            UPDATE chat_channels SET last_change = last_change + 1
            WHERE twin_space_id = $1 AND id = $2 AND EXISTS (SELECT 1 FROM current_message)
            RETURNING last_change AS change_number),
        updated AS (
            UPDATE chat_messages SET text = $5, edited_at = $6::timestamptz, edits = $7::jsonb, deleted = $8, held = $9,
                hidden_by = $10::text, hidden_reason = $11::text, reactions = $12::jsonb, version = version + 1, last_change = change.change_number
            FROM change
            WHERE twin_space_id = $1 AND channel_id = $2 AND sequence = $3
            RETURNING {MessageColumns}),
        hold AS (
            INSERT INTO chat_pending_holds (twin_space_id, channel_id, sequence)
            SELECT $1, $2, $3 FROM updated, current_message WHERE updated.held AND NOT current_message.held
            ON CONFLICT DO NOTHING)
        SELECT {MessageColumns} FROM updated
        """;

    public ValueTask<ChatChannel?> FindChannelAsync(string twinSpaceId, string channelId, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync(async (connection, token) =>
        {
            await using var command = Command(connection, null,
                $"SELECT {ChannelColumns} FROM chat_channels WHERE twin_space_id = $1 AND id = $2", twinSpaceId, channelId);
            return await FirstOrDefaultAsync(command, ReadChannel, token).ConfigureAwait(false);
        }, cancellationToken));

    public ValueTask<IReadOnlyList<ChatChannel>> ChannelsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync<IReadOnlyList<ChatChannel>>(async (connection, token) =>
        {
            await using var command = Command(connection, null,
                $"SELECT {ChannelColumns} FROM chat_channels WHERE twin_space_id = $1 ORDER BY id", twinSpaceId);
            return await ListAsync(command, ReadChannel, token).ConfigureAwait(false);
        }, cancellationToken));

    public Task<ChatChannel> AddChannelIfAbsentAsync(string twinSpaceId, ChatChannel channel, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await using (var insert = Command(connection, transaction, $"""
                INSERT INTO chat_channels (twin_space_id, id, kind, title, member_ids, created_by, created_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (twin_space_id, id) DO NOTHING
                RETURNING {ChannelColumns}
                """, twinSpaceId, channel.Id, channel.Kind.ToString(), channel.Title, TextArray(channel.MemberIds), channel.CreatedBy, channel.CreatedAt))
            {
                if (await FirstOrDefaultAsync(insert, ReadChannel, token).ConfigureAwait(false) is { } stored) return stored;
            }
            // Someone stored it first (maybe on another node, committed while the insert waited): a new statement sees it.
            await using var read = Command(connection, transaction,
                $"SELECT {ChannelColumns} FROM chat_channels WHERE twin_space_id = $1 AND id = $2", twinSpaceId, channel.Id);
            return (await FirstOrDefaultAsync(read, ReadChannel, token).ConfigureAwait(false))!;
        }, cancellationToken);

    public Task<ChatChannel?> SetChannelMembersAsync(
        string twinSpaceId, string channelId, IReadOnlyList<string> memberIds, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await using var update = Command(connection, transaction, $"""
                UPDATE chat_channels SET member_ids = $3 WHERE twin_space_id = $1 AND id = $2
                RETURNING {ChannelColumns}
                """, twinSpaceId, channelId, TextArray(memberIds));
            return await FirstOrDefaultAsync(update, ReadChannel, token).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<ChatAppendResult> AppendAsync(string twinSpaceId, ChatMessage draft, CancellationToken cancellationToken = default)
    {
        var append = new PostgresBatchableStatement(AppendSql,
            twinSpaceId, draft.ChannelId, draft.AuthorId, draft.ClientMessageId, draft.AuthorName, draft.Text, draft.SentAt, draft.EditedAt,
            JsonSerializer.Serialize(draft.Edits), draft.Deleted, draft.Held, draft.HiddenBy, draft.HiddenReason, JsonSerializer.Serialize(draft.Reactions));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await database.WriteAsync(append, ReadAppendAsync, cancellationToken).ConfigureAwait(false)
                    ?? throw CollabException.NotFound("No such channel.").WithKey("NotFound_Channel");
            }
            catch (PostgresException error) when (error.SqlState == UniqueViolation && attempt < MaxAppendAttempts)
            {
                // The other send committed before our insert could; the next attempt finds it and returns it.
            }
        }
    }

    public ValueTask<ChatMessage?> FindMessageAsync(string twinSpaceId, string channelId, long sequence, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync(async (connection, token) =>
        {
            await using var command = Command(connection, null,
                $"SELECT {MessageColumns} FROM chat_messages WHERE twin_space_id = $1 AND channel_id = $2 AND sequence = $3",
                twinSpaceId, channelId, sequence);
            return await FirstOrDefaultAsync(command, ReadMessage, token).ConfigureAwait(false);
        }, cancellationToken));

    public Task<ChatMessage?> TryReplaceMessageAsync(
        string twinSpaceId, ChatMessage replacement, long expectedVersion, CancellationToken cancellationToken = default) =>
        database.WriteAsync(new PostgresBatchableStatement(ReplaceSql,
            twinSpaceId, replacement.ChannelId, replacement.Sequence, expectedVersion, replacement.Text, replacement.EditedAt,
            JsonSerializer.Serialize(replacement.Edits), replacement.Deleted, replacement.Held, replacement.HiddenBy, replacement.HiddenReason,
            JsonSerializer.Serialize(replacement.Reactions)), ReadFirstMessageAsync, cancellationToken);

    public ValueTask<IReadOnlyList<ChatMessage>> BeforeAsync(
        string twinSpaceId, string channelId, long beforeSequence, int limit, CancellationToken cancellationToken = default) =>
        MessagesAsync($"""
            SELECT * FROM (
                SELECT {MessageColumns} FROM chat_messages
                WHERE twin_space_id = $1 AND channel_id = $2 AND sequence < $3 ORDER BY sequence DESC LIMIT $4) newest
            ORDER BY sequence
            """, cancellationToken, twinSpaceId, channelId, beforeSequence, limit);

    public ValueTask<IReadOnlyList<ChatMessage>> AfterAsync(
        string twinSpaceId, string channelId, long afterSequence, int limit, CancellationToken cancellationToken = default) =>
        MessagesAsync($"""
            SELECT {MessageColumns} FROM chat_messages
            WHERE twin_space_id = $1 AND channel_id = $2 AND sequence > $3 ORDER BY sequence LIMIT $4
            """, cancellationToken, twinSpaceId, channelId, afterSequence, limit);

    public ValueTask<IReadOnlyList<ChatMessage>?> ChangedSinceAsync(
        string twinSpaceId, string channelId, long afterSequence, int maxChanges, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync<IReadOnlyList<ChatMessage>?>(async (connection, token) =>
        {
            // Change numbers have no gaps, so how many changes were made since is a subtraction.
            long storedAfterChange, newestChange;
            await using (var known = Command(connection, null, """
                SELECT m.stored_after_change, c.last_change FROM chat_messages m
                JOIN chat_channels c ON c.twin_space_id = m.twin_space_id AND c.id = m.channel_id
                WHERE m.twin_space_id = $1 AND m.channel_id = $2 AND m.sequence = $3
                """, twinSpaceId, channelId, afterSequence))
            await using (var row = await known.ExecuteReaderAsync(token).ConfigureAwait(false))
            {
                if (!await row.ReadAsync(token).ConfigureAwait(false)) return [];
                (storedAfterChange, newestChange) = (row.GetInt64(0), row.GetInt64(1));
            }
            if (newestChange - storedAfterChange > maxChanges) return null;
            await using var changed = Command(connection, null, $"""
                SELECT {MessageColumns} FROM chat_messages
                WHERE twin_space_id = $1 AND channel_id = $2 AND last_change > $3 AND sequence <= $4 ORDER BY sequence
                """, twinSpaceId, channelId, storedAfterChange, afterSequence);
            return await ListAsync(changed, ReadMessage, token).ConfigureAwait(false);
        }, cancellationToken));

    public ValueTask<IReadOnlyList<ChatMessage>> PendingHoldsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        MessagesAsync($"""
            SELECT {MessageColumns} FROM chat_messages
            WHERE (twin_space_id, channel_id, sequence) IN (SELECT twin_space_id, channel_id, sequence FROM chat_pending_holds WHERE twin_space_id = $1)
            """, cancellationToken, twinSpaceId);

    public Task ClearPendingHoldAsync(string twinSpaceId, string channelId, long sequence, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await using var command = Command(connection, transaction,
                "DELETE FROM chat_pending_holds WHERE twin_space_id = $1 AND channel_id = $2 AND sequence = $3", twinSpaceId, channelId, sequence);
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    public ValueTask<IReadOnlyDictionary<string, long>> ReadMarkersAsync(
        string twinSpaceId, string accountId, CancellationToken cancellationToken = default) =>
        new(database.ReadAsync<IReadOnlyDictionary<string, long>>(async (connection, token) =>
        {
            await using var command = Command(connection, null,
                "SELECT channel_id, sequence FROM chat_read_markers WHERE twin_space_id = $1 AND account_id = $2", twinSpaceId, accountId);
            return (await ListAsync(command, row => (Channel: row.GetString(0), Sequence: row.GetInt64(1)), token).ConfigureAwait(false))
                .ToDictionary(marker => marker.Channel, marker => marker.Sequence);
        }, cancellationToken));

    public Task<long> AdvanceReadMarkerAsync(
        string twinSpaceId, string channelId, string accountId, long sequence, CancellationToken cancellationToken = default) =>
        database.WriteAsync(new PostgresBatchableStatement("""
            INSERT INTO chat_read_markers (twin_space_id, account_id, channel_id, sequence) VALUES ($1, $2, $3, $4)
            ON CONFLICT (twin_space_id, account_id, channel_id) DO UPDATE SET sequence = GREATEST(chat_read_markers.sequence, excluded.sequence)
            RETURNING sequence
            """, twinSpaceId, accountId, channelId, sequence),
            async (row, token) => await row.ReadAsync(token).ConfigureAwait(false) ? row.GetInt64(0) : sequence, cancellationToken);

    private static async Task<ChatAppendResult?> ReadAppendAsync(DbDataReader row, CancellationToken cancellationToken) =>
        await row.ReadAsync(cancellationToken).ConfigureAwait(false) ? new ChatAppendResult(ReadMessage(row, 1), Duplicate: row.GetBoolean(0)) : null;

    private static async Task<ChatMessage?> ReadFirstMessageAsync(DbDataReader row, CancellationToken cancellationToken) =>
        await row.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadMessage(row) : null;

    private ValueTask<IReadOnlyList<ChatMessage>> MessagesAsync(string sql, CancellationToken cancellationToken, params object?[] values) =>
        new(database.ReadAsync<IReadOnlyList<ChatMessage>>(async (connection, token) =>
        {
            await using var command = Command(connection, null, sql, values);
            return await ListAsync(command, ReadMessage, token).ConfigureAwait(false);
        }, cancellationToken));

    private static ChatChannel ReadChannel(DbDataReader row) => new()
    {
        Id = row.GetString(0),
        Kind = Enum.Parse<ChatChannelKind>(row.GetString(1)),
        Title = row.GetString(2),
        MemberIds = row.StringList(3),
        CreatedBy = row.GetString(4),
        CreatedAt = row.GetDateTime(5),
        LastSequence = row.GetInt64(6),
    };

    private static ChatMessage ReadMessage(DbDataReader row) => ReadMessage(row, 0);

    private static ChatMessage ReadMessage(DbDataReader row, int first) => new()
    {
        ChannelId = row.GetString(first),
        Sequence = row.GetInt64(first + 1),
        ClientMessageId = row.GetString(first + 2),
        AuthorId = row.GetString(first + 3),
        AuthorName = row.GetString(first + 4),
        Text = row.GetString(first + 5),
        SentAt = row.GetDateTime(first + 6),
        EditedAt = row.NullableUtc(first + 7),
        Edits = JsonSerializer.Deserialize<List<ChatMessageEdit>>(row.GetString(first + 8)) ?? [],
        Deleted = row.GetBoolean(first + 9),
        Held = row.GetBoolean(first + 10),
        HiddenBy = row.NullableString(first + 11),
        HiddenReason = row.NullableString(first + 12),
        Reactions = JsonSerializer.Deserialize<List<ChatReaction>>(row.GetString(first + 13)) ?? [],
        Version = row.GetInt64(first + 14),
        StoredAfterChange = row.GetInt64(first + 15),
        LastChange = row.GetInt64(first + 16),
    };
}
