using ETwinning.Collab.Client.Protocol;

namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>
/// THE permission matrix: role x action, from DOMAIN.md. Every hub method and HTTP route that touches a
/// TwinSpace names one action here, and one guard (<see cref="PermissionGuard"/>) enforces it. Which page, channel,
/// post or material a member may act on is the other grid, <see cref="ResourceRules"/>, built on these rows; no other
/// file decides who may do what. Writes are refused in archived TwinSpaces whatever the role; reads and lifecycle actions are not.
/// </summary>
public static class PermissionMatrix
{
    private const bool Y = true;
    private const bool N = false;

    private static readonly Dictionary<TwinSpaceAction, Rule> Rules = new Rule[]
    {
        //                                                      TeacherAdmin Teacher Expert Observer PupilAdmin Pupil
        Rule.Read(TwinSpaceAction.ViewTwinSpace,                Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Read(TwinSpaceAction.ViewMembers,                  Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Write(TwinSpaceAction.EditTwinSpace,               Y,           N,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.InviteMembers,               Y,           N,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.ChangeRoles,                 Y,           N,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.RemoveMembers,               Y,           N,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.CreatePupils,                Y,           Y,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.ManagePupils,                Y,           Y,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.ArchiveTwinSpace,            Y,           N,      N,     N,       N,         N),
        Rule.Lifecycle(TwinSpaceAction.CloseTwinSpace,          Y,           N,      N,     N,       N,         N),
        Rule.Read(TwinSpaceAction.ExportTwinSpace,              Y,           N,      N,     N,       N,         N),
        Rule.Read(TwinSpaceAction.ViewAuditLog,                 Y,           Y,      N,     N,       N,         N),
        Rule.Read(TwinSpaceAction.ViewBulletin,                 Y,           Y,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.PostBulletin,                Y,           Y,      N,     N,       N,         N),
        Rule.Read(TwinSpaceAction.ViewJournal,                  Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Write(TwinSpaceAction.PostJournal,                 Y,           Y,      N,     N,       Y,         N),
        Rule.Write(TwinSpaceAction.ManageUpdates,               Y,           N,      N,     N,       N,         N),

        Rule.Read(TwinSpaceAction.ViewPages,                    Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Write(TwinSpaceAction.CreatePages,                 Y,           Y,      N,     N,       Y,         N),
        Rule.Write(TwinSpaceAction.EditPages,                   Y,           Y,      N,     N,       Y,         Y),
        Rule.Write(TwinSpaceAction.ManagePages,                 Y,           Y,      N,     N,       Y,         N),
        Rule.Write(TwinSpaceAction.EditAssignedPages,           Y,           Y,      N,     N,       Y,         Y),
        Rule.Write(TwinSpaceAction.EditOwnPages,                Y,           Y,      N,     N,       Y,         N),
        Rule.Write(TwinSpaceAction.ManageAnyPage,               Y,           N,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.ReorderPages,                Y,           N,      N,     N,       N,         N),

        Rule.Read(TwinSpaceAction.ViewForums,                   Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Write(TwinSpaceAction.CreateForumDiscussion,       Y,           N,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.CreateForumThread,           Y,           Y,      Y,     N,       Y,         N),
        Rule.Write(TwinSpaceAction.ReplyInForum,                Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Write(TwinSpaceAction.ModerateForums,              Y,           Y,      Y,     N,       N,         N),

        Rule.Read(TwinSpaceAction.ReadChat,                     Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Write(TwinSpaceAction.WriteChat,                   Y,           Y,      Y,     N,       Y,         Y),
        Rule.Write(TwinSpaceAction.CreateBreakoutChannel,       Y,           Y,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.DirectMessageTeachers,       Y,           Y,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.ModerateChat,                Y,           Y,      N,     N,       N,         N),

        Rule.Read(TwinSpaceAction.ViewMaterials,                Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Write(TwinSpaceAction.UploadMaterials,             Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Write(TwinSpaceAction.ManageMaterials,             Y,           N,      Y,     N,       N,         N),

        Rule.Read(TwinSpaceAction.JoinRooms,                    Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Write(TwinSpaceAction.ManageRooms,                 Y,           N,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.CreateRooms,                 Y,           Y,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.HostRoomSessions,            Y,           Y,      N,     N,       N,         N),
        Rule.Read(TwinSpaceAction.JoinLiveEvents,               Y,           Y,      Y,     Y,       Y,         Y),
        Rule.Write(TwinSpaceAction.ManageLiveEvents,            Y,           N,      N,     N,       N,         N),
        Rule.Write(TwinSpaceAction.HostLiveEvents,              Y,           Y,      Y,     N,       N,         N),
        Rule.Read(TwinSpaceAction.SuperviseLiveEvents,          Y,           Y,      N,     N,       N,         N),
        Rule.Read(TwinSpaceAction.AttendLiveEventsUnsupervised, Y,           Y,      Y,     Y,       N,         N),
    }.ToDictionary(rule => rule.Action);

    /// <summary>True when <paramref name="role"/> may do <paramref name="action"/>.</summary>
    public static bool Allows(TwinSpaceRole role, TwinSpaceAction action) => RuleFor(action).Allowed[(int)role];

    /// <summary>True when the action changes content (and so is refused in archived TwinSpaces).</summary>
    public static bool IsRefusedWhenArchived(TwinSpaceAction action) => RuleFor(action).RefusedWhenArchived;

    private static Rule RuleFor(TwinSpaceAction action) =>
        Rules.TryGetValue(action, out var rule) ? rule : throw new InvalidOperationException($"{action} has no row in the permission matrix.");

    private sealed record Rule(TwinSpaceAction Action, bool RefusedWhenArchived, bool[] Allowed)
    {
        // Column order matches the TwinSpaceRole enum values.
        public static Rule Read(TwinSpaceAction action, params bool[] allowed) => new(action, false, allowed);
        public static Rule Write(TwinSpaceAction action, params bool[] allowed) => new(action, true, allowed);
        /// <summary>Changes the lifecycle itself (close): allowed in an archived TwinSpace, which is its way out.</summary>
        public static Rule Lifecycle(TwinSpaceAction action, params bool[] allowed) => new(action, false, allowed);
    }
}
