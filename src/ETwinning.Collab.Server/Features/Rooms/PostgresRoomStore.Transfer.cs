using ETwinning.Collab.Server.Infrastructure.Storage;
using ETwinning.Collab.Server.Infrastructure.Storage.Postgres;

namespace ETwinning.Collab.Server.Features.Rooms;

public sealed partial class PostgresRoomStore : IStoreTransfer
{
    public string Feature => RoomTransfer.Feature;

    public IAsyncEnumerable<StoredRecord> ExportAsync(CancellationToken cancellationToken = default) => database.ExportAsync(
    [
        new($"SELECT {RoomColumns} FROM rooms ORDER BY twinspace_id, id", row =>
        {
            var room = ReadRoom(row);
            return new(RoomTransfer.Room, room.TwinSpaceId, room);
        }),
        new($"SELECT {SessionColumns} FROM room_sessions ORDER BY twinspace_id, id", row =>
        {
            var session = ReadSession(row);
            return new(RoomTransfer.Session, session.TwinSpaceId, session);
        }),
    ], cancellationToken);

    public Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default) =>
        database.ImportAsync(batch, record => record.Record switch
        {
            Room room when record.Kind == RoomTransfer.Room => new($"""
                INSERT INTO rooms ({RoomColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                ON CONFLICT (twinspace_id, id) DO UPDATE SET title = excluded.title, description = excluded.description,
                    capacity = excluded.capacity, is_archived = excluded.is_archived, member_ids = excluded.member_ids,
                    chat_channel_id = excluded.chat_channel_id, material_collection_id = excluded.material_collection_id,
                    created_by = excluded.created_by, created_at = excluded.created_at, version = excluded.version
                """, RoomValues(room)),
            RoomSessionRecord session when record.Kind == RoomTransfer.Session => new($"""
                {InsertSession}
                ON CONFLICT (twinspace_id, id) DO UPDATE SET room_id = excluded.room_id, started_by = excluded.started_by,
                    started_at = excluded.started_at, ended_at = excluded.ended_at, attendance = excluded.attendance
                """, SessionValues(session)),
            _ => throw record.NotOf(Feature),
        }, cancellationToken);
}
