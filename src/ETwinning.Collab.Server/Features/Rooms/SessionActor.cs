using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Rooms;

/// <summary>Who asks the session machine for something, from which connection.</summary>
public sealed record SessionActor(string AccountId, string DisplayName, TwinSpaceRole Role, string ConnectionId)
{
    public bool IsModerator => RoomAccess.IsTeacher(Role);

    /// <summary>Pupils always wait in the lobby until a teacher lets them in.</summary>
    public bool WaitsInLobby => RoomAccess.IsPupil(Role);

    public static SessionActor Of(MemberContext member, string connectionId) =>
        new(member.AccountId, member.Membership.DisplayName, member.Membership.Role, connectionId);
}
