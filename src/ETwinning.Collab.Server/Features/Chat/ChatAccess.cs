using ETwinning.Collab.Client.Protocol;
using ETwinning.Collab.Server.Features.TwinSpaces;

namespace ETwinning.Collab.Server.Features.Chat;

/// <summary>
/// Who is in which channel. The permission matrix decides what a role may do with chat at all (read, write,
/// create breakouts, direct messages); this decides which channels. Supervision is built in: teachers read every
/// channel that is not a direct message between two other teachers, and pupils can never be in a direct channel.
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

    public static bool CanRead(ChatChannel channel, Membership member) =>
        IsMember(channel, member) || (channel.Kind != ChatChannelKind.Direct && IsSupervisor(member.Role));

    /// <summary>Supervisors may step into any channel they read; everyone else writes where they are a member.</summary>
    public static bool CanWrite(ChatChannel channel, Membership member) => CanRead(channel, member) &&
        (IsMember(channel, member) || IsSupervisor(member.Role));
}
