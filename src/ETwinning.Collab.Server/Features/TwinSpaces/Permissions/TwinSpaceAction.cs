namespace ETwinning.Collab.Server.Features.TwinSpaces.Permissions;

/// <summary>Everything a member can try to do inside a TwinSpace. Who may is decided in <see cref="PermissionMatrix"/>.</summary>
public enum TwinSpaceAction
{
    // The TwinSpace and its members
    ViewTwinSpace,
    ViewMembers,
    EditTwinSpace,
    InviteMembers,
    ChangeRoles,
    RemoveMembers,
    CreatePupils,
    ManagePupils,
    ArchiveTwinSpace,
    CloseTwinSpace,
    ExportTwinSpace,
    ViewAuditLog,
    ViewBulletin,
    PostBulletin,
    ViewJournal,
    PostJournal,
    /// <summary>Edit or delete any bulletin note or journal entry (authors always may change their own).</summary>
    ManageUpdates,

    // Pages
    ViewPages,
    CreatePages,
    /// <summary>Write page bodies at all; which pages: <see cref="ResourceRule.EditPage"/>.</summary>
    EditPages,
    /// <summary>Manage pages at all; which pages: <see cref="ResourceRule.ManagePage"/>.</summary>
    ManagePages,
    EditAssignedPages,
    EditOwnPages,
    ManageAnyPage,
    ReorderPages,

    // Forums
    ViewForums,
    CreateForumDiscussion,
    CreateForumThread,
    ReplyInForum,
    ModerateForums,

    // Chat
    ReadChat,
    WriteChat,
    CreateBreakoutChannel,
    DirectMessageTeachers,
    ModerateChat,

    // Materials
    ViewMaterials,
    UploadMaterials,
    ManageMaterials,

    // Rooms and live events
    JoinRooms,
    ManageRooms,
    /// <summary>Create rooms, and manage the ones they created (<see cref="ResourceRule.ManageRoom"/>).</summary>
    CreateRooms,
    /// <summary>Start, end and moderate a room's live sessions (<see cref="ResourceRule.JoinRoom"/> says which rooms).</summary>
    HostRoomSessions,
    JoinLiveEvents,
    ManageLiveEvents,
}
