using System.Text.Json;
using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Rooms and their ended sessions in PostgreSQL, shared by every node. Compare-and-set is one conditional UPDATE
/// (the version in the WHERE clause), so two nodes replacing the same room cannot both win. Attendance is written
/// once, when a session ends, and read as a whole, so it is one jsonb value instead of a table of its own.
/// </summary>
public sealed partial class PostgresRoomStore(PostgresDatabase database) : IRoomStore
{
    private const string UniqueViolation = "23505";
    private const string RoomColumns =
        "twinspace_id, id, title, description, capacity, is_archived, member_ids, chat_channel_id, material_collection_id, created_by, created_at, version";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly PostgresMigration[] Migrations =
    [
        new("rooms", 1, """
            CREATE TABLE rooms (
                twinspace_id text NOT NULL,
                id text NOT NULL,
                title text NOT NULL,
                description text NOT NULL,
                capacity integer NOT NULL,
                is_archived boolean NOT NULL,
                member_ids text[] NOT NULL,
                chat_channel_id text NOT NULL,
                material_collection_id text NOT NULL,
                created_by text NOT NULL,
                created_at timestamptz NOT NULL,
                version bigint NOT NULL,
                PRIMARY KEY (twinspace_id, id));
            CREATE TABLE room_sessions (
                twinspace_id text NOT NULL,
                id text NOT NULL,
                room_id text NOT NULL,
                started_by text NOT NULL,
                started_at timestamptz NOT NULL,
                ended_at timestamptz NOT NULL,
                attendance jsonb NOT NULL,
                PRIMARY KEY (twinspace_id, id));
            CREATE INDEX room_sessions_by_room ON room_sessions (twinspace_id, room_id, started_at DESC);
            """),
    ];

    public Task<Room> AddRoomAsync(Room room, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            var stored = room with { Version = 1 };
            await using var insert = new NpgsqlCommand($"INSERT INTO rooms ({RoomColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                connection, transaction);
            AddRoomParameters(insert, stored);
            try { await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false); }
            catch (PostgresException error) when (error.SqlState == UniqueViolation)
            {
                throw CollabException.Conflict("A room with this id exists already.").WithKey("Room_Exists");
            }
            return stored;
        }, cancellationToken);

    public async ValueTask<Room?> FindRoomAsync(string twinSpaceId, string roomId, CancellationToken cancellationToken = default) =>
        (await QueryRoomsAsync($"SELECT {RoomColumns} FROM rooms WHERE twinspace_id = $1 AND id = $2", [twinSpaceId, roomId], cancellationToken)
            .ConfigureAwait(false)).SingleOrDefault();

    public async ValueTask<IReadOnlyList<Room>> ListRoomsAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        await QueryRoomsAsync($"SELECT {RoomColumns} FROM rooms WHERE twinspace_id = $1 ORDER BY created_at, id COLLATE \"C\"", [twinSpaceId], cancellationToken)
            .ConfigureAwait(false);

    public Task<Room?> TryReplaceRoomAsync(Room updated, long expectedVersion, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            await using var update = new NpgsqlCommand($"""
                UPDATE rooms SET title = $3, description = $4, capacity = $5, is_archived = $6, member_ids = $7, version = version + 1
                WHERE twinspace_id = $1 AND id = $2 AND version = $8
                RETURNING {RoomColumns}
                """, connection, transaction);
            update.Parameters.Add(new() { Value = updated.TwinSpaceId });
            update.Parameters.Add(new() { Value = updated.Id });
            update.Parameters.Add(new() { Value = updated.Title });
            update.Parameters.Add(new() { Value = updated.Description });
            update.Parameters.Add(new() { Value = updated.Capacity });
            update.Parameters.Add(new() { Value = updated.IsArchived });
            update.Parameters.Add(new() { Value = updated.MemberIds.ToArray() });
            update.Parameters.Add(new() { Value = expectedVersion });
            await using var rows = await update.ExecuteReaderAsync(token).ConfigureAwait(false);
            return await rows.ReadAsync(token).ConfigureAwait(false) ? ReadRoom(rows) : null;
        }, cancellationToken);

    public Task<RoomSessionRecord> AddSessionAsync(RoomSessionRecord session, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            // ON CONFLICT DO NOTHING then read: a retry (or the same end seen twice) returns what is stored.
            await using var insert = new NpgsqlCommand("""
                INSERT INTO room_sessions (twinspace_id, id, room_id, started_by, started_at, ended_at, attendance)
                VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) ON CONFLICT (twinspace_id, id) DO NOTHING
                """, connection, transaction);
            insert.Parameters.Add(new() { Value = session.TwinSpaceId });
            insert.Parameters.Add(new() { Value = session.Id });
            insert.Parameters.Add(new() { Value = session.RoomId });
            insert.Parameters.Add(new() { Value = session.StartedBy });
            insert.Parameters.Add(new() { Value = session.StartedAt });
            insert.Parameters.Add(new() { Value = session.EndedAt });
            insert.Parameters.Add(new() { Value = JsonSerializer.Serialize(session.Attendance, Json) });
            await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            return (await ReadSessionsAsync(connection, transaction, "twinspace_id = $1 AND id = $2", [session.TwinSpaceId, session.Id], token)
                .ConfigureAwait(false)).Single();
        }, cancellationToken);

    public async ValueTask<RoomSessionRecord?> FindSessionAsync(string twinSpaceId, string sessionId, CancellationToken cancellationToken = default) =>
        (await database.ReadAsync((connection, token) =>
            ReadSessionsAsync(connection, null, "twinspace_id = $1 AND id = $2", [twinSpaceId, sessionId], token), cancellationToken)
            .ConfigureAwait(false)).SingleOrDefault();

    public async ValueTask<IReadOnlyList<RoomSessionRecord>> ListSessionsAsync(string twinSpaceId, string roomId, CancellationToken cancellationToken = default) =>
        await database.ReadAsync((connection, token) =>
            ReadSessionsAsync(connection, null, "twinspace_id = $1 AND room_id = $2 ORDER BY started_at DESC", [twinSpaceId, roomId], token), cancellationToken)
            .ConfigureAwait(false);

    private Task<IReadOnlyList<Room>> QueryRoomsAsync(string sql, object[] values, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Room>>(async (connection, token) =>
        {
            await using var query = new NpgsqlCommand(sql, connection);
            foreach (var value in values) query.Parameters.Add(new() { Value = value });
            await using var rows = await query.ExecuteReaderAsync(token).ConfigureAwait(false);
            var rooms = new List<Room>();
            while (await rows.ReadAsync(token).ConfigureAwait(false)) rooms.Add(ReadRoom(rows));
            return rooms;
        }, cancellationToken);

    private static async Task<IReadOnlyList<RoomSessionRecord>> ReadSessionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, object[] values, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand(
            $"SELECT twinspace_id, id, room_id, started_by, started_at, ended_at, attendance::text FROM room_sessions WHERE {where}", connection, transaction);
        foreach (var value in values) query.Parameters.Add(new() { Value = value });
        await using var rows = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<RoomSessionRecord>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
            sessions.Add(new RoomSessionRecord
            {
                TwinSpaceId = rows.GetString(0), Id = rows.GetString(1), RoomId = rows.GetString(2), StartedBy = rows.GetString(3),
                StartedAt = rows.GetDateTime(4), EndedAt = rows.GetDateTime(5),
                Attendance = JsonSerializer.Deserialize<List<AttendanceInterval>>(rows.GetString(6), Json) ?? [],
            });
        return sessions;
    }

    private static void AddRoomParameters(NpgsqlCommand command, Room room)
    {
        command.Parameters.Add(new() { Value = room.TwinSpaceId });
        command.Parameters.Add(new() { Value = room.Id });
        command.Parameters.Add(new() { Value = room.Title });
        command.Parameters.Add(new() { Value = room.Description });
        command.Parameters.Add(new() { Value = room.Capacity });
        command.Parameters.Add(new() { Value = room.IsArchived });
        command.Parameters.Add(new() { Value = room.MemberIds.ToArray() });
        command.Parameters.Add(new() { Value = room.ChatChannelId });
        command.Parameters.Add(new() { Value = room.MaterialCollectionId });
        command.Parameters.Add(new() { Value = room.CreatedBy });
        command.Parameters.Add(new() { Value = room.CreatedAt });
        command.Parameters.Add(new() { Value = room.Version });
    }

    private static Room ReadRoom(NpgsqlDataReader rows) => new()
    {
        TwinSpaceId = rows.GetString(0), Id = rows.GetString(1), Title = rows.GetString(2), Description = rows.GetString(3),
        Capacity = rows.GetInt32(4), IsArchived = rows.GetBoolean(5), MemberIds = [.. rows.GetFieldValue<string[]>(6)],
        ChatChannelId = rows.GetString(7), MaterialCollectionId = rows.GetString(8), CreatedBy = rows.GetString(9),
        CreatedAt = rows.GetDateTime(10), Version = rows.GetInt64(11),
    };
}
