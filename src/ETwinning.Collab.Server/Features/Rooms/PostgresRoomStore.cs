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
    private const string SessionColumns = "twinspace_id, id, room_id, started_by, started_at, ended_at, attendance::text";
    private const string InsertSession = """
        INSERT INTO room_sessions (twinspace_id, id, room_id, started_by, started_at, ended_at, attendance)
        VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
        """;
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
            try
            {
                await connection.ExecuteAsync(transaction, $"INSERT INTO rooms ({RoomColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    RoomValues(stored), token).ConfigureAwait(false);
            }
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
        database.WriteAsync((connection, transaction, token) => connection.QueryFirstAsync(transaction, $"""
            UPDATE rooms SET title = $3, description = $4, capacity = $5, is_archived = $6, member_ids = $7, version = version + 1
            WHERE twinspace_id = $1 AND id = $2 AND version = $8
            RETURNING {RoomColumns}
            """, [updated.TwinSpaceId, updated.Id, updated.Title, updated.Description, updated.Capacity, updated.IsArchived, updated.MemberIds.ToArray(),
                expectedVersion], ReadRoom, token), cancellationToken);

    public Task<RoomSessionRecord> AddSessionAsync(RoomSessionRecord session, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            // ON CONFLICT DO NOTHING then read: a retry (or the same end seen twice) returns what is stored.
            await connection.ExecuteAsync(transaction, $"{InsertSession} ON CONFLICT (twinspace_id, id) DO NOTHING", SessionValues(session), token)
                .ConfigureAwait(false);
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
            await connection.QueryAsync(null, sql, values, ReadRoom, token).ConfigureAwait(false), cancellationToken);

    private static async Task<IReadOnlyList<RoomSessionRecord>> ReadSessionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, object[] values, CancellationToken cancellationToken) =>
        await connection.QueryAsync(transaction, $"SELECT {SessionColumns} FROM room_sessions WHERE {where}", values, ReadSession, cancellationToken)
            .ConfigureAwait(false);

    private static object?[] RoomValues(Room room) =>
    [
        room.TwinSpaceId, room.Id, room.Title, room.Description, room.Capacity, room.IsArchived, room.MemberIds.ToArray(), room.ChatChannelId,
        room.MaterialCollectionId, room.CreatedBy, room.CreatedAt, room.Version,
    ];

    private static object?[] SessionValues(RoomSessionRecord session) =>
    [
        session.TwinSpaceId, session.Id, session.RoomId, session.StartedBy, session.StartedAt, session.EndedAt,
        JsonSerializer.Serialize(session.Attendance, Json),
    ];

    private static RoomSessionRecord ReadSession(NpgsqlDataReader rows) => new()
    {
        TwinSpaceId = rows.GetString(0), Id = rows.GetString(1), RoomId = rows.GetString(2), StartedBy = rows.GetString(3),
        StartedAt = rows.GetDateTime(4), EndedAt = rows.GetDateTime(5),
        Attendance = JsonSerializer.Deserialize<List<AttendanceInterval>>(rows.GetString(6), Json) ?? [],
    };

    private static Room ReadRoom(NpgsqlDataReader rows) => new()
    {
        TwinSpaceId = rows.GetString(0), Id = rows.GetString(1), Title = rows.GetString(2), Description = rows.GetString(3),
        Capacity = rows.GetInt32(4), IsArchived = rows.GetBoolean(5), MemberIds = [.. rows.GetFieldValue<string[]>(6)],
        ChatChannelId = rows.GetString(7), MaterialCollectionId = rows.GetString(8), CreatedBy = rows.GetString(9),
        CreatedAt = rows.GetDateTime(10), Version = rows.GetInt64(11),
    };
}
