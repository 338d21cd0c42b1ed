using ETwinning.Collab.Server.Infrastructure.Errors;
using ETwinning.Collab.Server.Infrastructure.Storage;
using LiteDB;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Rooms and their ended sessions in the TwinSpace's own file (exported and deleted with it). Compare-and-set runs
/// inside the file's single writer, so reading the version and replacing the room cannot interleave.
/// </summary>
public sealed partial class LiteDbRoomStore(DatabaseFiles files) : IRoomStore
{
    private const string RoomsName = "rooms";
    private const string SessionsName = "room_sessions";

    /// <summary>Created when a TwinSpace file opens (<see cref="TwinSpaceCollections"/>).</summary>
    public static readonly string[] Collections = [RoomsName, SessionsName];

    public static void Map(BsonMapper mapper)
    {
        mapper.Entity<Room>().Id(room => room.Id, autoId: false);
        mapper.Entity<RoomSessionRecord>().Id(session => session.Id, autoId: false);
    }

    public Task<Room> AddRoomAsync(Room room, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(room.TwinSpaceId).WriteAsync(db =>
        {
            var rooms = Rooms(db);
            if (rooms.FindById(room.Id) is not null) throw CollabException.Conflict("A room with this id exists already.").WithKey("Room_Exists");
            var stored = room with { Version = 1 };
            rooms.Insert(stored);
            return stored;
        });
    }

    public ValueTask<Room?> FindRoomAsync(string twinSpaceId, string roomId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<Room?>(files.ForTwinSpace(twinSpaceId).Read(db => Rooms(db).FindById(roomId)));
    }

    public ValueTask<IReadOnlyList<Room>> ListRoomsAsync(string twinSpaceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<Room>>(files.ForTwinSpace(twinSpaceId).Read(db =>
            Rooms(db).FindAll().OrderBy(room => room.CreatedAt).ThenBy(room => room.Id, StringComparer.Ordinal).ToList()));
    }

    public Task<Room?> TryReplaceRoomAsync(Room updated, long expectedVersion, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(updated.TwinSpaceId).WriteAsync(db =>
        {
            var rooms = Rooms(db);
            var current = rooms.FindById(updated.Id);
            if (current is null || current.Version != expectedVersion) return null;
            var stored = updated with
            {
                CreatedBy = current.CreatedBy, CreatedAt = current.CreatedAt, ChatChannelId = current.ChatChannelId,
                MaterialCollectionId = current.MaterialCollectionId, Version = expectedVersion + 1,
            };
            rooms.Update(stored);
            return (Room?)stored;
        });
    }

    public Task<RoomSessionRecord> AddSessionAsync(RoomSessionRecord session, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return files.ForTwinSpace(session.TwinSpaceId).WriteAsync(db =>
        {
            var sessions = Sessions(db);
            if (sessions.FindById(session.Id) is { } stored) return stored;
            sessions.Insert(session);
            return session;
        });
    }

    public ValueTask<RoomSessionRecord?> FindSessionAsync(string twinSpaceId, string sessionId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<RoomSessionRecord?>(files.ForTwinSpace(twinSpaceId).Read(db => Sessions(db).FindById(sessionId)));
    }

    public ValueTask<IReadOnlyList<RoomSessionRecord>> ListSessionsAsync(string twinSpaceId, string roomId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<RoomSessionRecord>>(files.ForTwinSpace(twinSpaceId).Read(db =>
            Sessions(db).Find(session => session.RoomId == roomId).OrderByDescending(session => session.StartedAt).ToList()));
    }

    private static ILiteCollection<Room> Rooms(LiteDatabase db) => db.GetCollection<Room>(RoomsName);

    private static ILiteCollection<RoomSessionRecord> Sessions(LiteDatabase db) => db.GetCollection<RoomSessionRecord>(SessionsName);
}
