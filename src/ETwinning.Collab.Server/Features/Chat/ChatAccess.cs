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

    /// <summary>
    /// <paramref name="standing"/> answers for channels whose members another feature keeps
    /// (<see cref="IChatChannelAudience"/>); the other kinds ignore it.
    /// </summary>
    public static bool IsMember(ChatChannel channel, Membership member, ChatStanding standing = default) => channel.Kind switch
    {
        ChatChannelKind.General => true,
        ChatChannelKind.Teachers => IsSupervisor(member.Role),
        ChatChannelKind.LiveEvent => standing.IsMember,
        _ => channel.MemberIds.Contains(member.AccountId),
    };

    public static ResourceRelation RelationsOf(ChatChannel channel, Membership member, ChatStanding standing = default) =>
        (IsMember(channel, member, standing) ? ResourceRelation.ChannelMember : ResourceRelation.None)
        | (channel.Kind != ChatChannelKind.Direct ? ResourceRelation.SupervisedChannel : ResourceRelation.None);

    public static bool CanRead(ChatChannel channel, Membership member, ChatStanding standing = default) =>
        PermissionGuard.Allows(member.Role, ResourceRule.ReadChannel, RelationsOf(channel, member, standing));

    /// <summary>
    /// Supervisors may step into any channel they read; everyone else writes where they are a member. Nobody writes in
    /// a closed channel.
    /// </summary>
    public static bool CanWrite(ChatChannel channel, Membership member, ChatStanding standing = default) =>
        !standing.IsClosed && PermissionGuard.Allows(member.Role, ResourceRule.WriteInChannel, RelationsOf(channel, member, standing));
}
