using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>
/// How a member stands to a room (worked out here; <see cref="ResourceRules"/> decides what that allows), and who
/// counts as a teacher in a room: pupils may be members only while one is.
/// </summary>
public static class RoomAccess
{
    public static ResourceRelation RelationsOf(Room room, string accountId) =>
        (room.CreatedBy == accountId ? ResourceRelation.Author : ResourceRelation.None)
        | (room.MemberIds.Contains(accountId) ? ResourceRelation.RoomMember : ResourceRelation.None);

    public static bool CanJoin(Room room, MemberContext member) =>
        PermissionGuard.Allows(member, ResourceRule.JoinRoom, RelationsOf(room, member.AccountId));

    /// <summary>The same for any member (to work out who an event about the room may reach).</summary>
    public static bool CanJoin(Room room, TwinSpaceRole role, string accountId) =>
        PermissionGuard.Allows(role, ResourceRule.JoinRoom, RelationsOf(room, accountId));

    public static bool CanManage(Room room, MemberContext member) =>
        PermissionGuard.Allows(member, ResourceRule.ManageRoom, RelationsOf(room, member.AccountId));

    /// <summary>The roles that supervise pupils in a room and moderate its sessions.</summary>
    public static bool IsTeacher(TwinSpaceRole role) => PermissionMatrix.Allows(role, TwinSpaceAction.HostRoomSessions);

    public static bool IsPupil(TwinSpaceRole role) => role is TwinSpaceRole.Pupil or TwinSpaceRole.PupilAdministrator;
}
