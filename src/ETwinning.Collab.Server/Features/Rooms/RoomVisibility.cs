using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// Which room content a member may see, and who may see a room's content: a room's forum discussions and file folder
/// are for the same people as the room itself (the <see cref="ResourceRule.JoinRoom"/> rule: its members, and
/// teachers, who supervise). The forum and materials features ask this one place instead of each knowing about rooms;
/// live events about a room go to <see cref="AudienceOf"/> instead of the TwinSpace group.
/// </summary>
public sealed class RoomVisibility(IRoomStore rooms, ITwinSpaceStore twinSpaces)
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

    /// <summary>The accounts that may see the room: its members and the TwinSpace's teachers.</summary>
    public static IReadOnlyList<string> AudienceOf(Room room, IEnumerable<Membership> memberships) =>
        memberships.Where(m => RoomAccess.CanJoin(room, m.Role, m.AccountId)).Select(m => m.AccountId).ToList();

    /// <summary>Who may see what is in a collection: null for everyone in the TwinSpace (it is no room's folder).</summary>
    public async ValueTask<IReadOnlyList<string>?> AudienceOfCollectionAsync(string twinSpaceId, string? collectionId, CancellationToken cancellationToken = default)
    {
        if (collectionId is null) return null;
        var room = (await rooms.ListRoomsAsync(twinSpaceId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(r => r.MaterialCollectionId == collectionId);
        return room is null ? null : AudienceOf(room, await twinSpaces.MembersAsync(twinSpaceId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every member of the TwinSpace (to work out who stops seeing something that moves into a room).</summary>
    public async ValueTask<IReadOnlyList<string>> EveryoneAsync(string twinSpaceId, CancellationToken cancellationToken = default) =>
        (await twinSpaces.MembersAsync(twinSpaceId, cancellationToken).ConfigureAwait(false)).Select(m => m.AccountId).ToList();
}
