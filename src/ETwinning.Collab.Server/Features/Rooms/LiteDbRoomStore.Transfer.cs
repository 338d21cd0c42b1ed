using System.Runtime.CompilerServices;
using ETwinning.Collab.Server.Infrastructure.Storage;

namespace ETwinning.Collab.Server.Features.Rooms;

public sealed partial class LiteDbRoomStore : IStoreTransfer
{
    public string Feature => RoomTransfer.Feature;

    public async IAsyncEnumerable<StoredRecord> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var twinSpaceId in files.TwinSpaceIds())
        {
            var file = files.ForTwinSpace(twinSpaceId);
            await foreach (var room in LiteDbTransfer.ReadAllAsync<Room>(file, RoomsName, cancellationToken).ConfigureAwait(false))
                yield return new(RoomTransfer.Room, twinSpaceId, room);
            await foreach (var session in LiteDbTransfer.ReadAllAsync<RoomSessionRecord>(file, SessionsName, cancellationToken).ConfigureAwait(false))
                yield return new(RoomTransfer.Session, twinSpaceId, session);
        }
    }

    // A room carries its version, so compare-and-set continues from the imported one.
    public async Task ImportAsync(IReadOnlyList<StoredRecord> batch, CancellationToken cancellationToken = default)
    {
        foreach (var twinSpace in batch.GroupBy(record => record.RequireTwinSpace()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await files.ForTwinSpace(twinSpace.Key).WriteAsync(db =>
            {
                foreach (var record in twinSpace)
                {
                    _ = record.Record switch
                    {
                        Room room when record.Kind == RoomTransfer.Room => db.GetCollection<Room>(RoomsName).Upsert(room),
                        RoomSessionRecord session when record.Kind == RoomTransfer.Session => db.GetCollection<RoomSessionRecord>(SessionsName).Upsert(session),
                        _ => throw record.NotOf(Feature),
                    };
                }
            }).ConfigureAwait(false);
        }
    }
}
