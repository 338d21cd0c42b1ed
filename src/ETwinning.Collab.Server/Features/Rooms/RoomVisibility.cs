using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Which room content a member may see: a room's forum discussions and file folder are for the same people as the
/// room itself (the <see cref="ResourceRule.JoinRoom"/> rule: its members, and teachers, who supervise). The forum and
/// materials features ask this one place instead of each knowing about rooms.
/// </summary>
public sealed class RoomVisibility(IRoomStore rooms)
{
    public async ValueTask<RoomContentFilter> FilterForAsync(MemberContext member, CancellationToken cancellationToken = default)
    {
        // A TwinSpace has a handful of rooms, so reading them all is cheaper than a lookup per item listed.
        var all = await rooms.ListRoomsAsync(member.TwinSpaceId, cancellationToken).ConfigureAwait(false);
        var visible = new HashSet<string>(StringComparer.Ordinal);
        var hiddenFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var room in all)
        {
            if (RoomAccess.CanJoin(room, member)) visible.Add(room.Id);
            else hiddenFolders.Add(room.MaterialCollectionId);
        }
        return new RoomContentFilter(visible, hiddenFolders);
    }
}
