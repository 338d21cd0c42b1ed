using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;
using ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Who is in which channel. The permission matrix decides what a role may do with chat at all (read, write,
/// create breakouts, direct messages); the channel rules of <see cref="ResourceRules"/> decide which channels, from
/// how the member stands to the channel (worked out here). Supervision is built in: teachers read every channel that
/// is not a direct message between two other teachers, and pupils can never be in a direct channel.
/// </summary>
public static class ChatAccess
{
    /// <summary>Teacher administrators and teachers supervise pupils (guests do not).</summary>
    public static bool IsSupervisor(TwinSpaceRole role) => role is TwinSpaceRole.TeacherAdministrator or TwinSpaceRole.Teacher;

    public static bool IsMember(ChatChannel channel, Membership member) => channel.Kind switch
    {
        ChatChannelKind.General => true,
        ChatChannelKind.Teachers => IsSupervisor(member.Role),
        _ => channel.MemberIds.Contains(member.AccountId),
    };

    public static ResourceRelation RelationsOf(ChatChannel channel, Membership member) =>
        (IsMember(channel, member) ? ResourceRelation.ChannelMember : ResourceRelation.None)
        | (channel.Kind != ChatChannelKind.Direct ? ResourceRelation.SupervisedChannel : ResourceRelation.None);

    public static bool CanRead(ChatChannel channel, Membership member) =>
        PermissionGuard.Allows(member.Role, ResourceRule.ReadChannel, RelationsOf(channel, member));

    /// <summary>Supervisors may step into any channel they read; everyone else writes where they are a member.</summary>
    public static bool CanWrite(ChatChannel channel, Membership member) =>
        PermissionGuard.Allows(member.Role, ResourceRule.WriteInChannel, RelationsOf(channel, member));
}
