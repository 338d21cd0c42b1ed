using System.Runtime.CompilerServices;
using System.Text.Json;
using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;
using Npgsql;

namespace ETwinning.Collab.Server.Features.Rooms;

public sealed partial class PostgresRoomStore : IStoreTransfer
{
    public string Feature => RoomTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var room in database.QueryAllAsync($"SELECT {RoomColumns} FROM rooms ORDER BY twinspace_id, id", ReadRoom, cancellationToken)
            .ConfigureAwait(false))
            yield return new(RoomTransfer.Room, room.TwinSpaceId, room);
        await foreach (var session in database.QueryAllAsync(
            "SELECT twinspace_id, id, room_id, started_by, started_at, ended_at, attendance::text FROM room_sessions ORDER BY twinspace_id, id",
            rows => new RoomSessionRecord
            {
                TwinSpaceId = rows.GetString(0), Id = rows.GetString(1), RoomId = rows.GetString(2), StartedBy = rows.GetString(3),
                StartedAt = rows.GetDateTime(4), EndedAt = rows.GetDateTime(5),
                Attendance = JsonSerializer.Deserialize<List<AttendanceInterval>>(rows.GetString(6), Json) ?? [],
            }, cancellationToken).ConfigureAwait(false))
            yield return new(RoomTransfer.Session, session.TwinSpaceId, session);
    }

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, token) =>
        {
            foreach (var record in batch)
            {
                switch (record.Record)
                {
                    case Room room when record.Kind == RoomTransfer.Room:
                        await using (var upsert = new NpgsqlCommand($"""
                            INSERT INTO rooms ({RoomColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                            ON CONFLICT (twinspace_id, id) DO UPDATE SET title = excluded.title, description = excluded.description,
                                capacity = excluded.capacity, is_archived = excluded.is_archived, member_ids = excluded.member_ids,
                                chat_channel_id = excluded.chat_channel_id, material_collection_id = excluded.material_collection_id,
                                created_by = excluded.created_by, created_at = excluded.created_at, version = excluded.version
                            """, connection, transaction))
                        {
                            AddRoomParameters(upsert, room);
                            await upsert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                        }
                        break;
                    case RoomSessionRecord session when record.Kind == RoomTransfer.Session:
                        await connection.ExecuteAsync(transaction, """
                            INSERT INTO room_sessions (twinspace_id, id, room_id, started_by, started_at, ended_at, attendance)
                            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
                            ON CONFLICT (twinspace_id, id) DO UPDATE SET room_id = excluded.room_id, started_by = excluded.started_by,
                                started_at = excluded.started_at, ended_at = excluded.ended_at, attendance = excluded.attendance
                            """, [session.TwinSpaceId, session.Id, session.RoomId, session.StartedBy, session.StartedAt, session.EndedAt,
                                JsonSerializer.Serialize(session.Attendance, Json)], token).ConfigureAwait(false);
                        break;
                    default:
                        throw record.NotOf(Feature);
                }
            }
        }, cancellationToken);
}
