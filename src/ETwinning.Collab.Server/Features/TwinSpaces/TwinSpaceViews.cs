using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.TwinSpaces;

/// <summary>Stored records to wire records.</summary>
internal static class TwinSpaceViews
{
    public static TwinSpaceView View(this TwinSpace twinSpace, TwinSpaceRole? myRole) =>
        new(twinSpace.Id, twinSpace.Code, twinSpace.Title, twinSpace.Description, twinSpace.State, myRole, twinSpace.CreatedAt);

    public static MemberView View(this Membership member, bool online) =>
        new(member.AccountId, member.DisplayName, member.Country, member.Role, member.IsFounder, member.Kind, online);
}
